package org.conduit.manager.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.db.DocumentStore;
import org.conduit.manager.web.Caller;

/**
 * Role assignments ({@code role#1.0.0}): who holds which role on the endpoint (collection null) or on one
 * collection. Operations name the roles they accept, as GCS's role authorizers do; endpoint roles count on
 * every collection.
 */
public final class Roles {
    public static final String IDENTITY_URN = "urn:globus:auth:identity:";
    public static final String GROUP_URN = "urn:globus:auth:group:";

    public static final Set<String> ALL = Set.of("owner", "administrator", "access_manager", "activity_manager",
        "activity_monitor");
    /** Roles that may manage the endpoint, its gateways and mapped collections. */
    public static final Set<String> ENDPOINT_ADMINS = Set.of("owner", "administrator");

    private final DocumentStore store;

    public Roles(DocumentStore store) {
        this.store = store;
    }

    /** The principal URNs that stand for the caller: every linked identity and every group. */
    static Set<String> principals(Caller caller) {
        Set<String> urns = new HashSet<>();
        caller.identityIds().forEach(id -> urns.add(IDENTITY_URN + id));
        caller.groupIds().forEach(id -> urns.add(GROUP_URN + id));
        return urns;
    }

    /** Roles the caller holds on {@code collectionId} (endpoint roles included); endpoint only when null. */
    public Set<String> held(Caller caller, String collectionId) {
        Set<String> principals = principals(caller);
        Set<String> roles = new HashSet<>();
        for (DocumentStore.Stored r : store.all(Kinds.ROLE)) {
            boolean applies = r.parentId() == null || r.parentId().equals(collectionId);
            if (applies && principals.contains(r.ownerId())) {
                roles.add(r.body().path("role").asText());
            }
        }
        return roles;
    }

    public boolean hasAny(Caller caller, String collectionId, Set<String> accepted) {
        return held(caller, collectionId).stream().anyMatch(accepted::contains);
    }

    /** Refuses with {@code MissingRequiredRole} unless the caller holds one of {@code accepted}. */
    public void require(Caller caller, String collectionId, Set<String> accepted, String action) {
        if (!hasAny(caller, collectionId, accepted)) {
            throw ApiErrors.missingRequiredRole("you need one of the roles " + accepted.stream().sorted().toList()
                + (collectionId == null ? " on the endpoint" : " on collection " + collectionId) + " to " + action
                + "; ask an endpoint administrator to grant it", accepted.stream().sorted().toList());
        }
    }

    /** Records a role (used at bootstrap and by the roles API); returns the stored document. */
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

    public List<DocumentStore.Stored> onCollection(String collectionId) {
        return store.all(Kinds.ROLE).stream()
            .filter(r -> collectionId == null ? r.parentId() == null : collectionId.equals(r.parentId())).toList();
    }
}
