package org.conduit.manager.access;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code role#1.0.0}: a role held by an identity or a group, on one collection or (no collection) on the
 * endpoint, where it applies to every collection.
 *
 * @param principal {@code urn:globus:auth:identity:<id>} or {@code urn:globus:auth:group:<id>}
 */
public record RoleAssignment(String id, String principal, Optional<String> collectionId, Role role) {

    public static final String IDENTITY_URN = "urn:globus:auth:identity:";
    public static final String GROUP_URN = "urn:globus:auth:group:";

    public RoleAssignment {
        Objects.requireNonNull(id, "id");
        principal = Objects.requireNonNull(principal, "principal").toLowerCase(Locale.ROOT);
        if (!(principal.startsWith(IDENTITY_URN) && principal.length() > IDENTITY_URN.length())
                && !(principal.startsWith(GROUP_URN) && principal.length() > GROUP_URN.length())) {
            throw new IllegalArgumentException("role principal must be " + IDENTITY_URN + "<id> or " + GROUP_URN
                    + "<id>, not '" + principal + "'");
        }
        Objects.requireNonNull(collectionId, "collectionId");
        Objects.requireNonNull(role, "role");
    }

    public static RoleAssignment onEndpoint(String id, String principal, Role role) {
        return new RoleAssignment(id, principal, Optional.empty(), role);
    }

    public static RoleAssignment onCollection(String id, String principal, String collectionId, Role role) {
        return new RoleAssignment(id, principal, Optional.of(collectionId), role);
    }

    public boolean isEndpointRole() {
        return collectionId.isEmpty();
    }

    /** Whether the assignment is on the endpoint or on {@code collection}. */
    public boolean appliesToCollection(String collection) {
        return collectionId.map(collection::equals).orElse(true);
    }

    /** Whether the principal is one of the caller's identities or groups. */
    public boolean heldBy(Caller caller) {
        if (principal.startsWith(IDENTITY_URN)) {
            return caller.identityIds().contains(principal.substring(IDENTITY_URN.length()));
        }
        return caller.groupIds().contains(principal.substring(GROUP_URN.length()));
    }
}
