package org.conduit.manager.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.conduit.manager.access.Role;
import org.conduit.manager.access.RoleAssignment;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.db.DocumentStore;
import org.conduit.manager.web.Caller;

/**
 * Stored role assignments ({@code role#1.0.0}): who holds which role on the endpoint (collection null) or on
 * one collection. What a role may do is decided by the access package ({@link Role#capabilities()}).
 */
public final class Roles {
    public static final String IDENTITY_URN = RoleAssignment.IDENTITY_URN;
    public static final String GROUP_URN = RoleAssignment.GROUP_URN;
    /** Endpoint-wide roles that administer the endpoint, its storage gateways and mapped collections. */
    static final Set<Role> ENDPOINT_ADMINS = Set.of(Role.OWNER, Role.ADMINISTRATOR);

    private final DocumentStore store;

    public Roles(DocumentStore store) {
        this.store = store;
    }

    /**
     * The assignments that apply to {@code collectionId}: endpoint-wide ones and those on the collection
     * (endpoint-wide only when null), as the access decisions take them.
     */
    public List<RoleAssignment> assignments(String collectionId) {
        List<RoleAssignment> out = new ArrayList<>();
        for (DocumentStore.Stored r : store.all(Kinds.ROLE)) {
            Role role = Role.fromCode(r.body().path("role").asText());
            if (r.parentId() == null) {
                out.add(RoleAssignment.onEndpoint(r.id(), r.ownerId(), role));
            } else if (r.parentId().equals(collectionId)) {
                out.add(RoleAssignment.onCollection(r.id(), r.ownerId(), collectionId, role));
            }
        }
        return out;
    }

    /** Whether the caller holds owner or administrator on the endpoint (who holds what: RoleAssignment decides). */
    public boolean isEndpointAdmin(Caller caller) {
        org.conduit.manager.access.Caller who = caller.forAccess();
        return assignments(null).stream().anyMatch(a -> a.heldBy(who) && ENDPOINT_ADMINS.contains(a.role()));
    }

    /** Refuses with {@code MissingRequiredRole} unless the caller is an endpoint owner or administrator. */
    public void requireEndpointAdmin(Caller caller, String action) {
        if (!isEndpointAdmin(caller)) {
            throw ApiErrors.missingRequiredRole("you need the owner or administrator role on the endpoint to " + action
                + "; ask an endpoint administrator to grant it", List.of("administrator", "owner"));
        }
    }

    /** Records a role (bootstrap and the roles API); returns the stored document. */
    public ObjectNode grant(String principal, String collectionId, String role) {
        return grant(UUID.randomUUID().toString(), principal, collectionId, role);
    }

    ObjectNode grant(String id, String principal, String collectionId, String role) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("principal", principal);
        if (collectionId == null) {
            doc.putNull("collection");
        } else {
            doc.put("collection", collectionId);
        }
        doc.put("role", role);
        store.insert(Kinds.ROLE, id, collectionId, principal, doc);
        return doc;
    }

    /** Assignments on one collection, or endpoint-wide ones when {@code collectionId} is null. */
    public List<DocumentStore.Stored> onCollection(String collectionId) {
        return store.all(Kinds.ROLE).stream()
            .filter(r -> collectionId == null ? r.parentId() == null : collectionId.equals(r.parentId())).toList();
    }
}
