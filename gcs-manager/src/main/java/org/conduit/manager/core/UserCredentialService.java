package org.conduit.manager.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.api.DocumentType;
import org.conduit.manager.api.DocumentTypes;
import org.conduit.manager.db.DocumentStore;
import org.conduit.manager.web.Caller;
import org.conduit.storage.spi.LocalAccount;

/**
 * User credentials ({@code user_credential#1.0.0}): what a user stores for a gateway (for S3, key pairs;
 * for POSIX, nothing but the mapped username). Users manage their own; administrators may manage others'
 * where the gateway has {@code admin_managed_credentials}. Secret policy values are never returned.
 */
public final class UserCredentialService {
    private final DocumentStore store;
    private final Roles roles;
    private final StorageGatewayService gateways;

    public UserCredentialService(DocumentStore store, Roles roles, StorageGatewayService gateways) {
        this.store = store;
        this.roles = roles;
        this.gateways = gateways;
    }

    public ObjectNode create(Caller caller, JsonNode input) {
        ObjectNode doc = DocumentTypes.USER_CREDENTIAL.validate(input, DocumentType.Mode.CREATE);
        String gatewayId = doc.path("storage_gateway_id").asText();
        DocumentStore.Stored gateway = gateways.stored(gatewayId);
        String identityId = doc.hasNonNull("identity_id") ? doc.get("identity_id").asText() : caller.id();
        boolean own = caller.identityIds().contains(identityId);
        if (!own) {
            roles.requireEndpointAdmin(caller, "create credentials for other users");
            if (!gateway.body().path("admin_managed_credentials").asBoolean(false)) {
                throw ApiErrors.permissionDenied("storage gateway " + gatewayId + " does not allow administrators to"
                    + " manage users' credentials (admin_managed_credentials is false)");
            }
            if (!doc.hasNonNull("username")) {
                throw ApiErrors.invalidInput("username", "is required when creating a credential for another identity");
            }
        } else {
            LocalAccount account = gateways.gateways().map(gateways.live(gatewayId), caller.identity());
            if (doc.hasNonNull("username") && !doc.get("username").asText().equals(account.username())) {
                throw ApiErrors.invalidInput("username", "your identity maps to '" + account.username()
                    + "' on this storage gateway");
            }
            doc.put("username", account.username());
        }
        doc.put("identity_id", identityId);
        doc.put("connector_id", gateway.body().path("connector_id").asText());
        String id = UUID.randomUUID().toString();
        store.insert(Kinds.USER_CREDENTIAL, id, gatewayId, identityId, doc);
        return present(store.get(Kinds.USER_CREDENTIAL, id).orElseThrow());
    }

    private DocumentStore.Stored visible(Caller caller, String id) {
        return store.get(Kinds.USER_CREDENTIAL, id)
            .filter(c -> caller.identityIds().contains(c.ownerId()) || roles.isEndpointAdmin(caller))
            .orElseThrow(() -> ApiErrors.notFound("user_credential", id));
    }

    /** Changing someone else's credential needs the gateway's {@code admin_managed_credentials}, as creating does. */
    private DocumentStore.Stored changeable(Caller caller, String id) {
        DocumentStore.Stored c = visible(caller, id);
        if (!caller.identityIds().contains(c.ownerId())
                && !gateways.stored(c.parentId()).body().path("admin_managed_credentials").asBoolean(false)) {
            throw ApiErrors.permissionDenied("storage gateway " + c.parentId() + " does not allow administrators to"
                + " manage users' credentials (admin_managed_credentials is false)");
        }
        return c;
    }

    public ObjectNode get(Caller caller, String id) {
        return present(visible(caller, id));
    }

    public ObjectNode list(Caller caller, String gatewayId, String marker, int pageSize) {
        boolean admin = roles.isEndpointAdmin(caller);
        return Paging.page(store, Kinds.USER_CREDENTIAL, gatewayId, marker, pageSize,
            c -> admin || caller.identityIds().contains(c.ownerId()), UserCredentialService::present);
    }

    public ObjectNode update(Caller caller, String id, JsonNode input, boolean replace) {
        DocumentStore.Stored current = changeable(caller, id);
        ObjectNode changes = DocumentTypes.USER_CREDENTIAL.validate(input,
            replace ? DocumentType.Mode.REPLACE : DocumentType.Mode.PATCH);
        for (String fixed : new String[] {"storage_gateway_id", "identity_id", "username", "connector_id"}) {
            if (changes.has(fixed) && !changes.get(fixed).equals(current.body().get(fixed))) {
                throw ApiErrors.invalidInput(fixed, "cannot be changed; create a new credential instead");
            }
        }
        ObjectNode next = current.body().deepCopy().setAll(changes);
        store.update(Kinds.USER_CREDENTIAL, id, next);
        return present(store.get(Kinds.USER_CREDENTIAL, id).orElseThrow());
    }

    public void delete(Caller caller, String id) {
        changeable(caller, id);
        store.delete(Kinds.USER_CREDENTIAL, id);
    }

    private static ObjectNode present(DocumentStore.Stored c) {
        ObjectNode shown = c.body().deepCopy();
        JsonNode policies = shown.get("policies");
        if (policies instanceof ObjectNode p) {
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().contains("secret")) {
                    e.setValue(TextNode.valueOf("***"));
                }
            }
        }
        return DocumentTypes.USER_CREDENTIAL.present(shown, Map.of("id", TextNode.valueOf(c.id()),
            "invalid", BooleanNode.FALSE, "provisioned", BooleanNode.TRUE, "deleted", BooleanNode.FALSE));
    }
}
