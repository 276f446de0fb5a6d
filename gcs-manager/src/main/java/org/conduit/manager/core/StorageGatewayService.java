package org.conduit.manager.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.api.DocumentType;
import org.conduit.manager.api.DocumentTypes;
import org.conduit.manager.db.DocumentStore;
import org.conduit.manager.web.Caller;
import org.conduit.storage.spi.ConnectorProvider;

/** Storage gateways ({@code storage_gateway#1.3.0}): created and changed by endpoint administrators. */
public final class StorageGatewayService {
    /** Fields only administrators see, and only with {@code include=private_policies}. */
    static final List<String> PRIVATE = List.of("identity_mappings", "restrict_paths", "users_allow", "users_deny",
        "policies");

    private final DocumentStore store;
    private final Roles roles;
    private final Gateways gateways;

    public StorageGatewayService(DocumentStore store, Roles roles, Gateways gateways) {
        this.store = store;
        this.roles = roles;
        this.gateways = gateways;
    }

    public ObjectNode create(Caller caller, JsonNode input) {
        roles.requireEndpointAdmin(caller, "create storage gateways");
        String id = UUID.randomUUID().toString();
        ObjectNode doc = normalise(id, DocumentTypes.STORAGE_GATEWAY.validate(input, DocumentType.Mode.CREATE));
        store.insert(Kinds.STORAGE_GATEWAY, id, null, caller.id(), doc);
        return present(id, doc, true);
    }

    /** The mask shown instead of secret policy values. */
    static final String MASK = "***";

    /** Canonical connector id, validated mapping and connector settings, GCS defaults. */
    private ObjectNode normalise(String id, ObjectNode doc) {
        ConnectorProvider provider = gateways.provider(doc.path("connector_id").asText());
        doc.put("connector_id", provider.gcsConnectorId());
        if (!doc.has("allowed_domains")) {
            throw ApiErrors.invalidInput("allowed_domains", "is required: the identity domains whose users may use"
                + " this gateway, e.g. [\"example.org\"]");
        }
        if (doc.path("authentication_assurance_timeout").isIntegralNumber() && !doc.has("authentication_timeout_mins")) {
            doc.set("authentication_timeout_mins", doc.get("authentication_assurance_timeout"));
        }
        doc.remove("authentication_assurance_timeout");
        if (!doc.has("require_mfa")) {
            doc.put("require_mfa", false);
        }
        if (!doc.has("admin_managed_credentials")) {
            doc.put("admin_managed_credentials", false);
        }
        Concurrency.checkCustomNetworkUse(doc);
        validRestrictions(doc, "restrict_paths");
        gateways.validate(id, doc);
        return doc;
    }

    /** A {@code path_restrictions#1.0.0} document, checked when it is stored rather than when it is used. */
    static void validRestrictions(ObjectNode doc, String field) {
        try {
            CollectionViews.restrictions(doc.get(field));
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidInput(field, e.getMessage());
        }
    }

    public DocumentStore.Stored stored(String id) {
        return store.get(Kinds.STORAGE_GATEWAY, id).orElseThrow(() -> ApiErrors.notFound("storage_gateway", id));
    }

    public Gateways gateways() {
        return gateways;
    }

    public Gateways.Gateway live(String id) {
        return gateways.get(id, stored(id).body());
    }

    public ObjectNode get(Caller caller, String id, boolean includePrivate) {
        DocumentStore.Stored s = stored(id);
        return present(id, s.body(), includePrivate && roles.isEndpointAdmin(caller));
    }

    public ObjectNode list(Caller caller, boolean includePrivate, String marker, int pageSize) {
        boolean showPrivate = includePrivate && roles.isEndpointAdmin(caller);
        return Paging.page(store, Kinds.STORAGE_GATEWAY, null, marker, pageSize, s -> true,
            s -> present(s.id(), s.body(), showPrivate));
    }

    public ObjectNode update(Caller caller, String id, JsonNode input, boolean replace) {
        roles.requireEndpointAdmin(caller, "change storage gateways");
        DocumentStore.Stored current = stored(id);
        ObjectNode changes = DocumentTypes.STORAGE_GATEWAY.validate(input,
            replace ? DocumentType.Mode.REPLACE : DocumentType.Mode.PATCH);
        if (changes.has("connector_id")
                && !gateways.provider(changes.get("connector_id").asText()).gcsConnectorId()
                    .equals(current.body().path("connector_id").asText())) {
            throw ApiErrors.invalidInput("connector_id", "cannot be changed; create a new storage gateway instead");
        }
        ObjectNode merged = replace ? changes : current.body().deepCopy().setAll(changes);
        keepMaskedSecrets(merged, current.body());
        ObjectNode next = normalise(id, merged);
        store.update(Kinds.STORAGE_GATEWAY, id, next);
        gateways.evict(id);
        return present(id, next, true);
    }

    public void delete(Caller caller, String id) {
        roles.requireEndpointAdmin(caller, "delete storage gateways");
        stored(id);
        int collections = store.count(Kinds.COLLECTION, id);
        if (collections > 0) {
            throw ApiErrors.conflict("storage gateway " + id + " still has " + collections
                + " collection(s); delete them first");
        }
        store.delete(Kinds.STORAGE_GATEWAY, id);
        gateways.evict(id);
    }

    /** A client that echoes a masked secret back means "unchanged", not "set it to ***". */
    private void keepMaskedSecrets(ObjectNode next, ObjectNode stored) {
        if (!(next.get("policies") instanceof ObjectNode policies)) {
            return;
        }
        for (String secret : gateways.secretOptions(stored.path("connector_id").asText())) {
            if (MASK.equals(policies.path(secret).asText(null))) {
                policies.set(secret, stored.path("policies").get(secret));
            }
        }
    }

    private ObjectNode present(String id, ObjectNode doc, boolean includePrivate) {
        ObjectNode shown = doc.deepCopy();
        if (!includePrivate) {
            PRIVATE.forEach(shown::remove);
        } else if (shown.get("policies") instanceof ObjectNode policies) {
            for (String secret : gateways.secretOptions(doc.path("connector_id").asText())) {
                if (policies.hasNonNull(secret)) {
                    policies.put(secret, MASK);
                }
            }
        }
        return DocumentTypes.STORAGE_GATEWAY.present(shown, Map.of("id", TextNode.valueOf(id),
            "deleted", BooleanNode.FALSE));
    }
}
