package org.conduit.manager.access;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One guest-collection permission (Transfer API {@code DATA_TYPE: "access"}). Rules are additive: a rule
 * gives its principal {@code r} or {@code rw} on its directory and everything below it, and nothing can
 * take that away below.
 *
 * @param id             the rule id ({@code access_id})
 * @param principal      identity or group id (lower-cased); empty for {@code all_authenticated_users} and {@code anonymous}
 * @param path           directory relative to the guest collection root, starting and ending with {@code /}
 * @param permissions    {@link Access#READ} ({@code r}) or {@link Access#READ_WRITE} ({@code rw})
 * @param expirationDate when the rule stops applying, if ever
 * @param roleId         set on the implicit rules that GCS lists for role holders; empty on ordinary rules
 */
public record AclRule(
        String id,
        PrincipalType principalType,
        String principal,
        String path,
        Access permissions,
        Optional<Instant> expirationDate,
        Optional<String> roleId) {

    /** Who a rule is for; the JSON values of {@code principal_type}. */
    public enum PrincipalType {
        IDENTITY("identity"),
        GROUP("group"),
        ALL_AUTHENTICATED_USERS("all_authenticated_users"),
        ANONYMOUS("anonymous");

        private final String code;

        PrincipalType(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static PrincipalType fromCode(String code) {
            for (PrincipalType type : values()) {
                if (type.code.equals(code)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown principal_type '" + code
                    + "' (identity, group, all_authenticated_users or anonymous)");
        }

        /** Whether the rule names a principal; the other two types must have an empty one. */
        public boolean namesPrincipal() {
            return this == IDENTITY || this == GROUP;
        }
    }

    public AclRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(principalType, "principalType");
        principal = Objects.requireNonNull(principal, "principal").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(permissions, "permissions");
        if (permissions != Access.READ && permissions != Access.READ_WRITE) {
            throw new IllegalArgumentException("ACL permissions are r or rw, not " + permissions);
        }
        Objects.requireNonNull(expirationDate, "expirationDate");
        Objects.requireNonNull(roleId, "roleId");
    }

    /** An ordinary (not role-derived) rule. */
    public static AclRule of(String id, PrincipalType type, String principal, String path, Access permissions,
            Instant expirationDateOrNull) {
        return new AclRule(id, type, principal, path, permissions, Optional.ofNullable(expirationDateOrNull),
                Optional.empty());
    }

    public boolean expiredAt(Instant now) {
        return expirationDate.map(expiry -> !now.isBefore(expiry)).orElse(false);
    }

    /** Whether the rule names {@code caller}: one of their linked identities or groups, or a type that covers them. */
    public boolean appliesTo(Caller caller) {
        return switch (principalType) {
            case IDENTITY -> caller.identityIds().contains(principal);
            case GROUP -> caller.groupIds().contains(principal);
            case ALL_AUTHENTICATED_USERS -> caller.authenticated();
            case ANONYMOUS -> true;
        };
    }

    /** Whether {@code path} (normalised, collection-relative) is the rule's directory or below it. */
    public boolean covers(String path) {
        return CollectionPaths.childPrefix(path).startsWith(directory());
    }

    /** Whether the rule's directory is strictly below {@code path}. */
    public boolean isBelow(String path) {
        String prefix = CollectionPaths.childPrefix(path);
        return directory().startsWith(prefix) && directory().length() > prefix.length();
    }

    private String directory() {
        return path.endsWith("/") ? path : path + "/";
    }
}
