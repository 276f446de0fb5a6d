package org.conduit.manager.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.conduit.manager.access.CollectionAuthorizer;
import org.conduit.manager.access.Decision;
import org.conduit.manager.access.Operation;
import org.conduit.manager.access.Role;
import org.conduit.manager.access.RoleAssignment;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.api.DocumentType;
import org.conduit.manager.api.DocumentTypes;
import org.conduit.manager.auth.Principal;
import org.conduit.manager.db.DocumentStore;
import org.conduit.manager.web.Caller;

/**
 * The roles API ({@code role#1.0.0}). Who may grant or remove an assignment is the access package's decision
 * (owners and administrators; {@code owner} itself never moves through roles).
 */
public final class RoleService {
    private final DocumentStore store;
    private final Roles roles;
    private final CollectionService collections;
    private final CollectionAuthorizer authorizer;

    public RoleService(DocumentStore store, Roles roles, CollectionService collections, CollectionAuthorizer authorizer) {
        this.store = store;
        this.roles = roles;
        this.collections = collections;
        this.authorizer = authorizer;
    }

    public ObjectNode create(Caller caller, JsonNode input) {
        ObjectNode doc = DocumentTypes.ROLE.validate(input, DocumentType.Mode.CREATE);
        String role = doc.path("role").asText();
        try {
            Role.fromCode(role);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidInput("role", e.getMessage());
        }
        String collectionId = doc.hasNonNull("collection") ? doc.get("collection").asText() : null;
        String principal = principalUrn(doc.path("principal").asText());
        String id = UUID.randomUUID().toString();
        requireGrantor(caller, assignment(id, principal, collectionId, role));
        boolean duplicate = roles.onCollection(collectionId).stream()
            .anyMatch(r -> r.ownerId().equals(principal) && r.body().path("role").asText().equals(role));
        if (duplicate) {
            throw ApiErrors.conflict(principal + " already holds " + role
                + (collectionId == null ? " on the endpoint" : " on collection " + collectionId));
        }
        return present(id, roles.grant(id, principal, collectionId, role));
    }

    private static RoleAssignment assignment(String id, String principal, String collectionId, String role) {
        return collectionId == null ? RoleAssignment.onEndpoint(id, principal, Role.fromCode(role))
            : RoleAssignment.onCollection(id, principal, collectionId, Role.fromCode(role));
    }

    /** The access package decides who may create or remove a role assignment. */
    private void requireGrantor(Caller caller, RoleAssignment target) {
        Decision decision = target.collectionId().isEmpty()
            ? authorizer.authorizeEndpointRoleChange(caller.forAccess(), roles.assignments(null), target)
            : authorizer.authorizeRoleChange(caller.forAccess(),
                collections.views().of(collections.stored(target.collectionId().get())), target);
        if (decision instanceof Decision.Deny deny) {
            throw ApiErrors.denied(deny);
        }
    }

    /** Endpoint administrators, and those who may manage roles on the role's collection, see it. */
    private boolean canSee(Caller caller, DocumentStore.Stored role) {
        if (roles.isEndpointAdmin(caller) || assignment(role.id(), role.ownerId(), role.parentId(),
                role.body().path("role").asText()).heldBy(caller.forAccess())) {
            return true;
        }
        return role.parentId() != null && collections.decide(caller, collections.stored(role.parentId()),
            Operation.MANAGE_ROLES) instanceof Decision.Permit;
    }

    /** Accepts a principal URN, or a plain {@code user@domain} username for convenience. */
    private static String principalUrn(String principal) {
        for (String prefix : new String[] {Roles.IDENTITY_URN, Roles.GROUP_URN}) {
            if (principal.regionMatches(true, 0, prefix, 0, prefix.length())) {
                try {
                    return prefix + UUID.fromString(principal.substring(prefix.length()));
                } catch (IllegalArgumentException e) {
                    throw ApiErrors.invalidInput("principal", "the URN must be " + prefix + "<uuid>");
                }
            }
        }
        try {
            return Roles.IDENTITY_URN + Principal.identityId(principal);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidInput("principal", "must be urn:globus:auth:identity:<uuid>,"
                + " urn:globus:auth:group:<uuid> or a user@domain username");
        }
    }

    public ObjectNode list(Caller caller, String collectionId, String marker, int pageSize) {
        return Paging.page(store, Kinds.ROLE, null, marker, pageSize,
            r -> (collectionId == null || collectionId.equals(r.parentId())) && canSee(caller, r),
            r -> present(r.id(), r.body()));
    }

    private DocumentStore.Stored stored(String id) {
        return store.get(Kinds.ROLE, id).orElseThrow(() -> ApiErrors.notFound("role", id));
    }

    public ObjectNode get(Caller caller, String id) {
        DocumentStore.Stored r = stored(id);
        if (!canSee(caller, r)) {
            throw ApiErrors.notFound("role", id);
        }
        return present(id, r.body());
    }

    public void delete(Caller caller, String id) {
        DocumentStore.Stored r = stored(id);
        String role = r.body().path("role").asText();
        requireGrantor(caller, assignment(id, r.ownerId(), r.parentId(), role));
        store.delete(Kinds.ROLE, id);
    }

    private static ObjectNode present(String id, ObjectNode body) {
        return DocumentTypes.ROLE.present(body, Map.of("id", TextNode.valueOf(id)));
    }
}
