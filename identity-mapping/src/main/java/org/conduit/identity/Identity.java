package org.conduit.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Globus Auth identity resource, the input of every mapping. Field names are the resource's own
 * snake_case names, both in JSON and for {@code {field}} interpolation in mapping expressions. String
 * fields beyond the well-known ones are kept in {@link #otherFields()} so that expressions can
 * interpolate them and external mapping programs receive them unchanged.
 *
 * @param id                the identity id (a UUID in Globus Auth); required
 * @param username          {@code user@domain}; required
 * @param identityProvider  JSON {@code identity_provider}
 * @param identityType      JSON {@code identity_type}
 * @param status            {@code used}, {@code private}, {@code unused}, {@code closed}...
 * @param otherFields       further string fields, by JSON name
 */
public record Identity(
        String id,
        String username,
        String email,
        String name,
        String organization,
        String identityProvider,
        String identityType,
        String status,
        Map<String, String> otherFields) {

    private static final Set<String> STANDARD_FIELDS = Set.of(
            "id", "username", "email", "name", "organization", "identity_provider", "identity_type", "status");

    public Identity {
        Objects.requireNonNull(id, "identity id");
        Objects.requireNonNull(username, "identity username");
        Map<String, String> copy = new LinkedHashMap<>();
        otherFields.forEach((key, value) -> {
            if (STANDARD_FIELDS.contains(key)) {
                throw new IllegalArgumentException("'" + key + "' is a standard identity field, not another field");
            }
            copy.put(Objects.requireNonNull(key), Objects.requireNonNull(value, key));
        });
        otherFields = Collections.unmodifiableMap(copy);
    }

    /** An identity with only an id and a username; add fields with {@link #with}. */
    public static Identity of(String id, String username) {
        return new Identity(id, username, null, null, null, null, null, null, Map.of());
    }

    /** A copy with one field (by its JSON name) set; {@code null} clears a standard field. */
    public Identity with(String field, String value) {
        Map<String, Object> json = toJson();
        if (value == null && !STANDARD_FIELDS.contains(field)) {
            json.remove(field);
        } else {
            json.put(field, value);
        }
        return fromJson(json);
    }

    /** The value of a field by its JSON name, or {@code null} when the identity does not have it. */
    public String field(String jsonName) {
        return switch (jsonName) {
            case "id" -> id;
            case "username" -> username;
            case "email" -> email;
            case "name" -> name;
            case "organization" -> organization;
            case "identity_provider" -> identityProvider;
            case "identity_type" -> identityType;
            case "status" -> status;
            default -> otherFields.get(jsonName);
        };
    }

    /** The identity resource as JSON: standard fields (null when absent, as Globus Auth sends them), then the others. */
    @JsonValue
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("username", username);
        json.put("email", email);
        json.put("name", name);
        json.put("organization", organization);
        json.put("identity_provider", identityProvider);
        json.put("identity_type", identityType);
        json.put("status", status);
        json.putAll(otherFields);
        return json;
    }

    /**
     * Reads an identity resource. Scalar values become strings; nested objects and arrays are not
     * interpolable and are dropped.
     */
    @JsonCreator
    public static Identity fromJson(Map<String, Object> json) {
        Map<String, String> other = new LinkedHashMap<>();
        json.forEach((key, value) -> {
            if (!STANDARD_FIELDS.contains(key) && isScalar(value)) {
                other.put(key, value.toString());
            }
        });
        return new Identity(
                text(json, "id"),
                text(json, "username"),
                text(json, "email"),
                text(json, "name"),
                text(json, "organization"),
                text(json, "identity_provider"),
                text(json, "identity_type"),
                text(json, "status"),
                other);
    }

    private static String text(Map<String, Object> json, String key) {
        Object value = json.get(key);
        return isScalar(value) ? value.toString() : null;
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }
}
