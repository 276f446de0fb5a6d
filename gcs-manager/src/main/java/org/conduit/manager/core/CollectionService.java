package org.conduit.manager.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.Predicate;
import org.conduit.manager.access.AccessRequest;
import org.conduit.manager.access.CollectionAuthorizer;
import org.conduit.manager.access.Decision;
import org.conduit.manager.access.MappedUser;
import org.conduit.manager.access.Operation;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.api.DocumentType;
import org.conduit.manager.api.DocumentTypes;
import org.conduit.manager.db.DocumentStore;
import org.conduit.manager.web.Caller;
import org.conduit.storage.spi.FileInfo;
import org.conduit.storage.spi.LocalAccount;
import org.conduit.storage.spi.StorageException;
import org.conduit.storage.spi.StoragePath;
import org.conduit.storage.spi.StorageSession;

/**
 * Mapped and guest collections ({@code collection#1.16.0}). Mapped collections are made by endpoint
 * administrators on a storage gateway; guest collections by users, inside a mapped collection that allows
 * them, acting as their creator's account.
 */
public final class CollectionService {
    static final List<String> MAPPED_ONLY = List.of("storage_gateway_id", "allow_guest_collections",
        "sharing_restrict_paths", "sharing_users_allow", "sharing_users_deny", "disable_anonymous_writes",
        "guest_auth_policy_id", "delete_protected", "auto_delete_timeout");
    static final List<String> GUEST_ONLY = List.of("mapped_collection_id", "user_credential_id", "skip_auto_delete",
        "activity_notification_policy");
    static final List<String> PRIVATE = List.of("sharing_restrict_paths", "sharing_users_allow", "sharing_users_deny",
        "policies");
    private static final List<String> IMMUTABLE = List.of("collection_type", "storage_gateway_id",
        "mapped_collection_id", "collection_base_path", "identity_id");

    private final DocumentStore store;
    private final Roles roles;
    private final StorageGatewayService gateways;
    private final CollectionViews views;
    private final CollectionAuthorizer authorizer;
    private final Supplier<NodeUrls> urls;

    public CollectionService(DocumentStore store, Roles roles, StorageGatewayService gateways,
                             CollectionAuthorizer authorizer, Supplier<NodeUrls> urls) {
        this.store = store;
        this.roles = roles;
        this.gateways = gateways;
        this.views = new CollectionViews(store, roles);
        this.authorizer = authorizer;
        this.urls = urls;
    }

    /** The one path to data on this service's collections. */
    public CollectionAccess access() {
        return new CollectionAccess(this, gateways, views, authorizer);
    }

    CollectionViews views() {
        return views;
    }

    /** The access decision for an administrative operation on a stored collection. */
    Decision decide(Caller caller, DocumentStore.Stored collection, Operation operation) {
        return authorizer.authorize(AccessRequest.administrative(caller.forAccess(), views.of(collection), operation));
    }

    void require(Caller caller, DocumentStore.Stored collection, Operation operation) {
        if (decide(caller, collection, operation) instanceof Decision.Deny deny) {
            throw ApiErrors.denied(deny);
        }
    }

    public ObjectNode create(Caller caller, JsonNode input) {
        ObjectNode doc = DocumentTypes.COLLECTION.validate(input, DocumentType.Mode.CREATE);
        String type = doc.path("collection_type").asText();
        String id = UUID.randomUUID().toString();
        if (!doc.hasNonNull("identity_id")) {
            doc.put("identity_id", caller.id());
        }
        if (type.equals("mapped")) {
            createMapped(caller, id, doc);
        } else if (type.equals("guest")) {
            createGuest(caller, id, doc);
        } else {
            throw ApiErrors.invalidInput("collection_type", "must be 'mapped' or 'guest'");
        }
        return present(caller, stored(id), true);
    }

    private void createMapped(Caller caller, String id, ObjectNode doc) {
        roles.requireEndpointAdmin(caller, "create mapped collections");
        forbid(doc, GUEST_ONLY, "mapped");
        String gatewayId = required(doc, "storage_gateway_id");
        gateways.stored(gatewayId);
        String base = required(doc, "collection_base_path");
        boolean home = base.equals("~") || base.startsWith("~/");
        if (!base.startsWith("/") && !home) {
            throw ApiErrors.invalidInput("collection_base_path", "a mapped collection's base path is an absolute path"
                + " on the storage gateway (e.g. /project/data), or ~ for each user's home");
        }
        doc.put("collection_base_path", home ? "~" + StoragePath.parse(base.substring(1)).toString().replaceFirst("^/$", "")
            : StoragePath.parse(base).toString());
        StorageGatewayService.validRestrictions(doc, "sharing_restrict_paths");
        defaults(doc);
        putDefault(doc, "allow_guest_collections", false);
        putDefault(doc, "disable_anonymous_writes", false);
        putDefault(doc, "delete_protected", true);
        store.insert(Kinds.COLLECTION, id, gatewayId, doc.path("identity_id").asText(), doc);
    }

    private void createGuest(Caller caller, String id, ObjectNode doc) {
        forbid(doc, MAPPED_ONLY, "guest");
        String mappedId = required(doc, "mapped_collection_id");
        DocumentStore.Stored mapped = stored(mappedId);
        if (!"mapped".equals(mapped.body().path("collection_type").asText())) {
            throw ApiErrors.invalidInput("mapped_collection_id", mappedId + " is not a mapped collection");
        }
        if (!caller.identityIds().contains(doc.path("identity_id").asText())) {
            throw ApiErrors.permissionDenied("a guest collection is owned by its creator: identity_id must be one of"
                + " your own identities");
        }
        StoragePath base = StoragePath.parse(doc.path("collection_base_path").asText("/"));
        doc.put("collection_base_path", base.toString());
        // The creator must map to an account on the gateway, may share there, and the folder must exist.
        Gateways.Gateway gateway = gateways.live(mapped.parentId());
        LocalAccount account = gateways.gateways().map(gateway, caller.identity());
        MappedUser user = CollectionAccess.mappedUser(account);
        Decision decision = authorizer.authorize(AccessRequest.mappedData(caller.forAccess(), user,
            views.forSharing(mapped, user.username()), Operation.CREATE_GUEST_COLLECTION, base.toString()));
        if (decision instanceof Decision.Deny deny) {
            throw ApiErrors.denied(deny);
        }
        String mappedRoot = views.of(mapped).mapped().rootFor(user);
        try (StorageSession session = gateway.connector().open(account, mappedRoot)) {
            FileInfo folder = session.stat(base);
            if (!folder.isDirectory()) {
                throw ApiErrors.invalidInput("collection_base_path", base + " is not a directory");
            }
        } catch (StorageException.NotFound e) {
            throw ApiErrors.invalidInput("collection_base_path", base + " does not exist in mapped collection "
                + mappedId + "; create the folder first");
        }
        checkCredential(doc, mapped.parentId());
        doc.put("storage_gateway_id", mapped.parentId());
        doc.put("username", account.username());
        doc.put("home", user.home());
        defaults(doc);
        store.insert(Kinds.COLLECTION, id, mappedId, doc.path("identity_id").asText(), doc);
        roles.grant(Roles.IDENTITY_URN + doc.path("identity_id").asText(), id, "administrator");
    }

    /** GCS: a guest collection names its creator's credential on the gateway; it must be theirs and fit. */
    private void checkCredential(ObjectNode doc, String gatewayId) {
        if (!doc.hasNonNull("user_credential_id")) {
            return;
        }
        String credentialId = doc.get("user_credential_id").asText();
        boolean fits = store.get(Kinds.USER_CREDENTIAL, credentialId)
            .filter(c -> c.ownerId().equals(doc.path("identity_id").asText()) && gatewayId.equals(c.parentId()))
            .isPresent();
        if (!fits) {
            throw ApiErrors.invalidInput("user_credential_id", "must be one of your own credentials on storage gateway "
                + gatewayId + " (see GET /api/user_credentials)");
        }
    }

    private static void defaults(ObjectNode doc) {
        putDefault(doc, "public", false);
        putDefault(doc, "enable_https", true);
        if (!doc.has("https_methods")) {
            doc.putArray("https_methods").add("GET").add("PUT").add("DELETE");
        }
        putDefault(doc, "force_encryption", false);
        putDefault(doc, "force_verify", false);
        putDefault(doc, "disable_verify", false);
        if (!doc.has("keywords")) {
            doc.putArray("keywords");
        }
    }

    private static void putDefault(ObjectNode doc, String field, boolean value) {
        if (!doc.hasNonNull(field)) {
            doc.put(field, value);
        }
    }

    private static String required(ObjectNode doc, String field) {
        if (!doc.hasNonNull(field) || doc.get(field).asText().isBlank()) {
            throw ApiErrors.invalidInput(field, "is required");
        }
        return doc.get(field).asText();
    }

    private static void forbid(ObjectNode doc, List<String> fields, String type) {
        List<ApiErrors.Problem> problems = fields.stream().filter(doc::has)
            .map(f -> new ApiErrors.Problem(f, "does not apply to " + type + " collections")).toList();
        if (!problems.isEmpty()) {
            throw ApiErrors.invalidInput(problems);
        }
    }

    public DocumentStore.Stored stored(String id) {
        return store.get(Kinds.COLLECTION, id).orElseThrow(() -> ApiErrors.notFound("collection", id));
    }

    private boolean visible(Caller caller, DocumentStore.Stored s) {
        return decide(caller, s, Operation.VIEW_COLLECTION) instanceof Decision.Permit;
    }

    private boolean manages(Caller caller, DocumentStore.Stored s) {
        return decide(caller, s, Operation.MODIFY_COLLECTION) instanceof Decision.Permit;
    }

    public ObjectNode get(Caller caller, String id, boolean includePrivate) {
        DocumentStore.Stored s = stored(id);
        if (!visible(caller, s)) {
            throw ApiErrors.notFound("collection", id);
        }
        return present(caller, s, includePrivate && manages(caller, s));
    }

    /** GCS filters: mapped_collections, guest_collections, managed_by_me, created_by_me (comma-separated). */
    public ObjectNode list(Caller caller, Set<String> filters, String mappedCollectionId, String storageGatewayId,
                           boolean includePrivate, String marker, int pageSize) {
        for (String f : filters) {
            if (!Set.of("mapped_collections", "guest_collections", "managed_by_me", "created_by_me").contains(f)) {
                throw ApiErrors.invalidInput("filter", "unknown filter '" + f + "'; known: mapped_collections,"
                    + " guest_collections, managed_by_me, created_by_me");
            }
        }
        Predicate<DocumentStore.Stored> keep = s -> visible(caller, s);
        if (filters.contains("mapped_collections") && !filters.contains("guest_collections")) {
            keep = keep.and(s -> "mapped".equals(s.body().path("collection_type").asText()));
        }
        if (filters.contains("guest_collections") && !filters.contains("mapped_collections")) {
            keep = keep.and(s -> "guest".equals(s.body().path("collection_type").asText()));
        }
        if (filters.contains("managed_by_me")) {
            keep = keep.and(s -> manages(caller, s));
        }
        if (filters.contains("created_by_me")) {
            keep = keep.and(s -> caller.identityIds().contains(s.ownerId()));
        }
        if (storageGatewayId != null) {
            keep = keep.and(s -> storageGatewayId.equals(s.body().path("storage_gateway_id").asText()));
        }
        if (mappedCollectionId != null) {
            keep = keep.and(s -> mappedCollectionId.equals(s.body().path("mapped_collection_id").asText(null)));
        }
        return Paging.page(store, Kinds.COLLECTION, null, marker, pageSize, keep,
            s -> present(caller, s, includePrivate && manages(caller, s)));
    }

    public ObjectNode update(Caller caller, String id, JsonNode input, boolean replace) {
        DocumentStore.Stored current = stored(id);
        require(caller, current, Operation.MODIFY_COLLECTION);
        ObjectNode changes = DocumentTypes.COLLECTION.validate(input,
            replace ? DocumentType.Mode.REPLACE : DocumentType.Mode.PATCH);
        for (String field : IMMUTABLE) {
            if (changes.has(field) && !changes.get(field).equals(current.body().get(field))) {
                throw ApiErrors.invalidInput(field, "cannot be changed after the collection is created");
            }
        }
        String type = current.body().path("collection_type").asText();
        forbid(changes, type.equals("mapped") ? GUEST_ONLY : MAPPED_ONLY, type);
        ObjectNode next = current.body().deepCopy().setAll(changes);
        StorageGatewayService.validRestrictions(next, "sharing_restrict_paths");
        if (type.equals("guest") && changes.has("user_credential_id")) {
            checkCredential(next, next.path("storage_gateway_id").asText());
        }
        store.update(Kinds.COLLECTION, id, next);
        return present(caller, stored(id), true);
    }

    public void delete(Caller caller, String id) {
        DocumentStore.Stored current = stored(id);
        require(caller, current, Operation.MODIFY_COLLECTION);
        if (current.body().path("delete_protected").asBoolean(false)) {
            throw ApiErrors.conflict("collection " + id + " is delete_protected; set delete_protected to false first");
        }
        int guests = store.count(Kinds.COLLECTION, id);
        if (guests > 0) {
            throw ApiErrors.conflict("mapped collection " + id + " still has " + guests
                + " guest collection(s); delete them first");
        }
        store.delete(Kinds.COLLECTION, id);
        roles.onCollection(id).forEach(r -> store.delete(Kinds.ROLE, r.id()));
        store.list(Kinds.ACL, id, null, Integer.MAX_VALUE).forEach(a -> store.delete(Kinds.ACL, a.id()));
    }

    private ObjectNode present(Caller caller, DocumentStore.Stored s, boolean includePrivate) {
        ObjectNode shown = s.body().deepCopy();
        shown.remove("username");
        shown.remove("home");
        if (!includePrivate) {
            PRIVATE.forEach(shown::remove);
        }
        Map<String, JsonNode> ro = new HashMap<>();
        ro.put("id", TextNode.valueOf(s.id()));
        DocumentStore.Stored gateway = store.get(Kinds.STORAGE_GATEWAY, s.body().path("storage_gateway_id").asText())
            .orElse(null);
        if (gateway != null) {
            ro.put("connector_id", gateway.body().get("connector_id"));
            ro.put("high_assurance", BooleanNode.valueOf(gateway.body().path("high_assurance").asBoolean(false)));
            ro.put("require_mfa", BooleanNode.valueOf(gateway.body().path("require_mfa").asBoolean(false)));
            ro.put("authentication_timeout_mins", gateway.body().path("authentication_timeout_mins").deepCopy());
        }
        ro.put("root_path", TextNode.valueOf(s.body().path("collection_base_path").asText()));
        ro.put("https_url", TextNode.valueOf(urls.get().httpsUrl() + "/c/" + s.id()));
        ro.put("tlsftp_url", TextNode.valueOf(urls.get().gridftpUrl()));
        ro.put("manager_url", TextNode.valueOf(urls.get().managerUrl()));
        ro.put("created_at", TextNode.valueOf(s.createdAt().toString().substring(0, 10)));
        ro.put("deleted", BooleanNode.FALSE);
        ObjectNode out = DocumentTypes.COLLECTION.present(shown, ro);
        if (!out.has("authentication_timeout_mins") || out.get("authentication_timeout_mins").isMissingNode()) {
            out.putNull("authentication_timeout_mins");
        }
        return out;
    }

    /** The endpoint's default mapped collection on a local folder, made on first start. */
    public String createDefault(String gatewayId, String basePath, String ownerId) {
        String id = UUID.randomUUID().toString();
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("collection_type", "mapped");
        doc.put("display_name", "Default collection");
        doc.put("storage_gateway_id", gatewayId);
        doc.put("collection_base_path", basePath);
        doc.put("identity_id", ownerId);
        doc.put("allow_guest_collections", true);
        defaults(doc);
        putDefault(doc, "disable_anonymous_writes", true);
        putDefault(doc, "delete_protected", true);
        store.insert(Kinds.COLLECTION, id, gatewayId, ownerId, doc);
        return id;
    }
}
