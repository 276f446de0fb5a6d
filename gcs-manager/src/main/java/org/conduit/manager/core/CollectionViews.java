package org.conduit.manager.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.conduit.manager.access.Access;
import org.conduit.manager.access.AclRule;
import org.conduit.manager.access.CollectionView;
import org.conduit.manager.access.GuestAcl;
import org.conduit.manager.access.MappedUser;
import org.conduit.manager.access.PathRestrictions;
import org.conduit.manager.access.RoleAssignment;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.db.DocumentStore;

/** Builds the authorizer's view of a collection from the stored documents: gateway, mapped parent, ACL, roles. */
final class CollectionViews {
    private final DocumentStore store;
    private final Roles roles;

    CollectionViews(DocumentStore store, Roles roles) {
        this.store = store;
        this.roles = roles;
    }

    CollectionView of(DocumentStore.Stored collection) {
        boolean guest = "guest".equals(collection.body().path("collection_type").asText());
        return build(collection, guest ? collection.body().path("username").asText() : null);
    }

    /** A mapped collection as seen by {@code username} wanting to share from it (their sharing policy applies). */
    CollectionView forSharing(DocumentStore.Stored mapped, String username) {
        return build(mapped, username);
    }

    private CollectionView build(DocumentStore.Stored collection, String sharer) {
        ObjectNode doc = collection.body();
        boolean guest = "guest".equals(doc.path("collection_type").asText());
        DocumentStore.Stored mapped = guest ? store.get(Kinds.COLLECTION, collection.parentId())
            .orElseThrow(() -> ApiErrors.notFound("collection", collection.parentId())) : collection;
        ObjectNode gatewayDoc = store.get(Kinds.STORAGE_GATEWAY, doc.path("storage_gateway_id").asText())
            .orElseThrow(() -> ApiErrors.notFound("storage_gateway", doc.path("storage_gateway_id").asText())).body();
        CollectionView.Gateway gateway = new CollectionView.Gateway(restrictions(gatewayDoc.get("restrict_paths")),
            gatewayDoc.path("high_assurance").asBoolean(false) || gatewayDoc.path("require_high_assurance").asBoolean(false),
            gatewayDoc.path("authentication_timeout_mins").isIntegralNumber()
                ? gatewayDoc.get("authentication_timeout_mins").asInt()
                : CollectionView.DEFAULT_AUTHENTICATION_TIMEOUT_MINS);
        ObjectNode m = mapped.body();
        CollectionView.Mapped parent = new CollectionView.Mapped(m.path("collection_base_path").asText(),
            restrictions(sharingRestrictions(mapped, sharer)), m.path("allow_guest_collections").asBoolean(false),
            texts(m.get("sharing_users_allow")), texts(m.get("sharing_users_deny")),
            m.path("disable_anonymous_writes").asBoolean(false));
        List<RoleAssignment> roles = this.roles.assignments(collection.id());
        boolean isPublic = doc.path("public").asBoolean(false);
        if (!guest) {
            return CollectionView.mapped(collection.id(), collection.ownerId(), isPublic, gateway, parent, roles);
        }
        CollectionView.Guest own = new CollectionView.Guest(doc.path("collection_base_path").asText(),
            owner(doc), new GuestAcl(acl(collection.id())));
        return CollectionView.guest(collection.id(), collection.ownerId(), isPublic, gateway, parent, own, roles);
    }

    /**
     * The {@code sharing_restrict_paths} that bound what {@code sharer} shares from a mapped collection: a
     * sharing policy naming the user, else a policy for everybody ({@code users} empty), else the collection's
     * own field. Several matching policies: the first by id (policies are meant not to overlap).
     */
    private JsonNode sharingRestrictions(DocumentStore.Stored mapped, String sharer) {
        JsonNode forAll = null;
        if (sharer != null) {
            for (DocumentStore.Stored policy : store.list(Kinds.SHARING_POLICY, mapped.id(), null, 1000)) {
                JsonNode users = policy.body().path("users");
                if (users.isMissingNode() || users.isEmpty()) {
                    forAll = forAll == null ? policy.body().get("sharing_restrict_paths") : forAll;
                } else if (texts(users).contains(sharer)) {
                    return policy.body().get("sharing_restrict_paths");
                }
            }
        }
        return forAll != null ? forAll : mapped.body().get("sharing_restrict_paths");
    }

    /** The guest collection's creator, as mapped when it was created. */
    static MappedUser owner(ObjectNode guest) {
        return MappedUser.of(guest.path("username").asText(), guest.path("home").asText("/"));
    }

    List<AclRule> acl(String collectionId) {
        List<AclRule> rules = new ArrayList<>();
        for (DocumentStore.Stored a : store.list(Kinds.ACL, collectionId, null, GuestAcl.MAX_RULES + 1)) {
            rules.add(rule(a.id(), a.body()));
        }
        return rules;
    }

    static AclRule rule(String id, JsonNode doc) {
        JsonNode expiration = doc.get("expiration_date");
        return AclRule.of(id, AclRule.PrincipalType.fromCode(doc.path("principal_type").asText()),
            doc.path("principal").asText(""), doc.path("path").asText(), Access.fromAclCode(doc.path("permissions").asText()),
            expiration == null || expiration.isNull() ? null : Instant.parse(expiration.asText()));
    }

    static Optional<PathRestrictions> restrictions(JsonNode doc) {
        return doc == null || doc.isNull() ? Optional.empty() : Optional.of(PathRestrictions.fromJson(doc));
    }

    private static List<String> texts(JsonNode array) {
        return array == null ? List.of()
            : StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
