package org.conduit.manager.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.api.DocumentType;
import org.conduit.manager.api.DocumentTypes;
import org.conduit.manager.auth.Principal;
import org.conduit.manager.db.DocumentStore;
import org.conduit.manager.web.Caller;

/**
 * The roles API ({@code role#1.0.0}). Endpoint roles are granted by endpoint owners and administrators,
 * collection roles by the collection's administrators too; nobody but an owner can make another owner, and
 * the last endpoint owner cannot be removed.
 */
public final class RoleService {
    private final DocumentStore store;
    private final Roles roles;
    private final CollectionService collections;

    public RoleService(DocumentStore store, Roles roles, CollectionService collections) {
        this.store = store;
        this.roles = roles;
        this.collections = collections;
    }

    public ObjectNode create(Caller caller, JsonNode input) {
        ObjectNode doc = DocumentTypes.ROLE.validate(input, DocumentType.Mode.CREATE);
        String role = doc.path("role").asText();
        if (!Roles.ALL.contains(role)) {
            throw ApiErrors.invalidInput("role", "must be one of " + Roles.ALL.stream().sorted().toList());
        }
        String collectionId = doc.hasNonNull("collection") ? doc.get("collection").asText() : null;
        if (collectionId != null) {
            collections.stored(collectionId);
        }
        requireGrantor(caller, collectionId, role);
        String principal = principalUrn(doc.path("principal").asText());
        boolean duplicate = roles.onCollection(collectionId).stream()
            .anyMatch(r -> r.ownerId().equals(principal) && r.body().path("role").asText().equals(role));
        if (duplicate) {
            throw ApiErrors.conflict(principal + " already holds " + role
                + (collectionId == null ? " on the endpoint" : " on collection " + collectionId));
        }
        String id = UUID.randomUUID().toString();
        return present(id, roles.grant(id, principal, collectionId, role));
    }

    /** Who may grant or revoke {@code role}: owners anything; administrators anything but owner. */
    private void requireGrantor(Caller caller, String collectionId, String role) {
        Set<String> accepted = role.equals("owner") ? Set.of("owner") : Roles.ENDPOINT_ADMINS;
        roles.require(caller, collectionId, accepted, "manage the " + role + " role");
    }

    /** Accepts a principal URN, or a plain {@code user@domain} username for convenience. */
    private static String principalUrn(String principal) {
        if (principal.startsWith(Roles.IDENTITY_URN) || principal.startsWith(Roles.GROUP_URN)) {
            String uuid = principal.substring(principal.lastIndexOf(':') + 1);
            try {
                UUID.fromString(uuid);
            } catch (IllegalArgumentException e) {
                throw ApiErrors.invalidInput("principal", "the URN must end in a UUID");
            }
            return principal;
        }
        try {
            return Roles.IDENTITY_URN + Principal.identityId(principal);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidInput("principal", "must be urn:globus:auth:identity:<uuid>,"
                + " urn:globus:auth:group:<uuid> or a user@domain username");
        }
    }

    public ObjectNode list(Caller caller, String collectionId, String marker, int pageSize) {
        boolean endpointAdmin = roles.hasAny(caller, null, Roles.ENDPOINT_ADMINS);
        Set<String> mine = Roles.principals(caller);
        return Paging.page(store, Kinds.ROLE, null, marker, pageSize, r -> {
            boolean onWanted = collectionId == null || collectionId.equals(r.parentId());
            boolean visible = endpointAdmin || mine.contains(r.ownerId())
                || (r.parentId() != null && roles.hasAny(caller, r.parentId(), Roles.ENDPOINT_ADMINS));
            return onWanted && visible;
        }, r -> present(r.id(), r.body()));
    }

    private DocumentStore.Stored stored(String id) {
        return store.get(Kinds.ROLE, id).orElseThrow(() -> ApiErrors.notFound("role", id));
    }

    public ObjectNode get(Caller caller, String id) {
        DocumentStore.Stored r = stored(id);
        if (!Roles.principals(caller).contains(r.ownerId())
                && !roles.hasAny(caller, r.parentId(), Roles.ENDPOINT_ADMINS)) {
            throw ApiErrors.notFound("role", id);
        }
        return present(id, r.body());
    }

    public void delete(Caller caller, String id) {
        DocumentStore.Stored r = stored(id);
        String role = r.body().path("role").asText();
        requireGrantor(caller, r.parentId(), role);
        if (r.parentId() == null && role.equals("owner")
                && roles.onCollection(null).stream().filter(o -> o.body().path("role").asText().equals("owner")).count() == 1) {
            throw ApiErrors.conflict("this is the endpoint's last owner role; grant owner to someone else first");
        }
        store.delete(Kinds.ROLE, id);
    }

    private static ObjectNode present(String id, ObjectNode body) {
        return DocumentTypes.ROLE.present(body, Map.of("id", TextNode.valueOf(id)));
    }
}
