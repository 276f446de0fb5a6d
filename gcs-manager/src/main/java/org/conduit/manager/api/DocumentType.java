package org.conduit.manager.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.conduit.manager.api.ApiErrors.Problem;

/**
 * One versioned GCS document type ({@code collection#1.16.0}...): its writable fields with their kinds, the
 * read-only fields a client may echo back, and the checks of an incoming document. Older {@code 1.x}
 * versions are accepted; answers carry the latest version.
 */
public final class DocumentType {
    public enum Kind { STRING, BOOL, INT, UUID, STRING_LIST, OBJECT, OBJECT_LIST, ANY }

    /** How an incoming document will be used. */
    public enum Mode { CREATE, REPLACE, PATCH }

    public record Field(String name, Kind kind, boolean nullable, boolean required, Set<String> allowed) {
    }

    private final String name;
    private final String latestVersion;
    private final Map<String, Field> fields;
    private final Set<String> readOnly;

    private DocumentType(String name, String latestVersion, Map<String, Field> fields, Set<String> readOnly) {
        this.name = name;
        this.latestVersion = latestVersion;
        this.fields = fields;
        this.readOnly = readOnly;
    }

    public static Builder named(String name, String latestVersion) {
        return new Builder(name, latestVersion);
    }

    public String name() {
        return name;
    }

    public String dataType() {
        return name + "#" + latestVersion;
    }

    /**
     * Checks {@code input} and returns its writable fields (DATA_TYPE and echoed read-only fields dropped).
     * Every problem is reported at once as {@code InvalidInput}.
     */
    public ObjectNode validate(JsonNode input, Mode mode) {
        List<Problem> problems = new ArrayList<>();
        if (input == null || !input.isObject()) {
            throw ApiErrors.invalidInput(null, "the request body must be a JSON object (a " + name + " document)");
        }
        ObjectNode out = ((ObjectNode) input).objectNode();
        JsonNode dataType = input.get("DATA_TYPE");
        if (dataType != null && !acceptsDataType(dataType.asText())) {
            problems.add(new Problem("DATA_TYPE", "expected " + name + "#1.x.y (latest " + dataType() + "), got '"
                + dataType.asText() + "'"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals("DATA_TYPE") || readOnly.contains(key)) {
                continue;
            }
            Field field = fields.get(key);
            if (field == null) {
                problems.add(new Problem(key, "unknown property of " + name + " documents"));
                continue;
            }
            String problem = check(field, e.getValue());
            if (problem != null) {
                problems.add(new Problem(key, problem));
            } else {
                out.set(key, e.getValue());
            }
        }
        if (mode != Mode.PATCH) {
            for (Field f : fields.values()) {
                if (f.required() && (!input.hasNonNull(f.name()))) {
                    problems.add(new Problem(f.name(), "is required"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ApiErrors.invalidInput(problems);
        }
        return out;
    }

    private boolean acceptsDataType(String value) {
        String prefix = name + "#1.";
        if (!value.startsWith(prefix)) {
            return false;
        }
        String[] parts = value.substring(name.length() + 1).split("\\.");
        String[] latest = latestVersion.split("\\.");
        try {
            return parts.length == 3 && Integer.parseInt(parts[1]) <= Integer.parseInt(latest[1])
                && Integer.parseInt(parts[2]) >= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String check(Field f, JsonNode v) {
        if (v.isNull()) {
            return f.nullable() ? null : "may not be null";
        }
        switch (f.kind()) {
            case STRING:
                if (!v.isTextual()) {
                    return "must be a string";
                }
                if (!f.allowed().isEmpty() && !f.allowed().contains(v.asText())) {
                    return "must be one of " + f.allowed();
                }
                return v.asText().length() > 4096 ? "is longer than 4096 characters" : null;
            case UUID:
                if (!v.isTextual()) {
                    return "must be a UUID string";
                }
                try {
                    UUID.fromString(v.asText());
                    return null;
                } catch (IllegalArgumentException e) {
                    return "must be a UUID";
                }
            case BOOL:
                return v.isBoolean() ? null : "must be true or false";
            case INT:
                return v.isIntegralNumber() ? null : "must be an integer";
            case STRING_LIST:
                if (!v.isArray()) {
                    return "must be a list of strings";
                }
                for (JsonNode item : v) {
                    if (!item.isTextual()) {
                        return "must be a list of strings";
                    }
                    if (!f.allowed().isEmpty() && !f.allowed().contains(item.asText())) {
                        return "items must be among " + f.allowed();
                    }
                }
                return v.size() > 10_000 ? "has too many items" : null;
            case OBJECT:
                return v.isObject() ? null : "must be an object";
            case OBJECT_LIST:
                if (!v.isArray()) {
                    return "must be a list of objects";
                }
                for (JsonNode item : v) {
                    if (!item.isObject()) {
                        return "must be a list of objects";
                    }
                }
                return null;
            default:
                return null;
        }
    }

    /** The stored writable fields plus read-only values, as the latest version. */
    public ObjectNode present(ObjectNode stored, Map<String, JsonNode> readOnlyValues) {
        ObjectNode out = stored.objectNode();
        out.put("DATA_TYPE", dataType());
        readOnlyValues.forEach(out::set);
        stored.fields().forEachRemaining(e -> out.set(e.getKey(), e.getValue()));
        return out;
    }

    public static final class Builder {
        private final String name;
        private final String latestVersion;
        private final Map<String, Field> fields = new LinkedHashMap<>();
        private Set<String> readOnly = Set.of();

        private Builder(String name, String latestVersion) {
            this.name = name;
            this.latestVersion = latestVersion;
        }

        public Builder field(String field, Kind kind) {
            fields.put(field, new Field(field, kind, true, false, Set.of()));
            return this;
        }

        public Builder required(String field, Kind kind) {
            fields.put(field, new Field(field, kind, false, true, Set.of()));
            return this;
        }

        public Builder oneOf(String field, String... values) {
            fields.put(field, new Field(field, Kind.STRING, true, false, Set.of(values)));
            return this;
        }

        public Builder listOf(String field, String... values) {
            fields.put(field, new Field(field, Kind.STRING_LIST, true, false, Set.of(values)));
            return this;
        }

        public Builder fields(Kind kind, String... names) {
            for (String n : names) {
                field(n, kind);
            }
            return this;
        }

        public Builder readOnly(String... names) {
            readOnly = Set.of(names);
            return this;
        }

        public DocumentType build() {
            return new DocumentType(name, latestVersion, Map.copyOf(fields), readOnly);
        }
    }
}
