package org.conduit.manager.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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

/**
 * Data transfer nodes of this endpoint ({@code node#1.3.0}). Every node registers itself when it starts
 * (same id across restarts); administrators may add, change and remove node documents.
 */
public final class NodeService {
    private final DocumentStore store;
    private final Roles roles;

    public NodeService(DocumentStore store, Roles roles) {
        this.store = store;
        this.roles = roles;
    }

    /** Records (or refreshes) the running node under {@code id} with its addresses, status active. */
    public void register(String id, List<String> addresses) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        var ips = doc.putArray("ip_addresses");
        addresses.forEach(ips::add);
        doc.put("status", "active");
        if (store.get(Kinds.NODE, id).isPresent()) {
            ObjectNode next = store.get(Kinds.NODE, id).get().body().deepCopy();
            next.setAll(doc);
            store.update(Kinds.NODE, id, next);
        } else {
            store.insert(Kinds.NODE, id, null, null, doc);
        }
    }

    public ObjectNode create(Caller caller, JsonNode input) {
        roles.requireEndpointAdmin(caller, "add nodes");
        ObjectNode doc = DocumentTypes.NODE.validate(input, DocumentType.Mode.CREATE);
        if (!doc.has("status")) {
            doc.put("status", "active");
        }
        String id = UUID.randomUUID().toString();
        store.insert(Kinds.NODE, id, null, null, doc);
        return present(id, doc);
    }

    private DocumentStore.Stored stored(String id) {
        return store.get(Kinds.NODE, id).orElseThrow(() -> ApiErrors.notFound("node", id));
    }

    public ObjectNode get(Caller caller, String id) {
        roles.requireEndpointAdmin(caller, "view nodes");
        return present(id, stored(id).body());
    }

    public ObjectNode list(Caller caller, String marker, int pageSize) {
        roles.requireEndpointAdmin(caller, "view nodes");
        return Paging.page(store, Kinds.NODE, null, marker, pageSize, n -> true, n -> present(n.id(), n.body()));
    }

    public ObjectNode update(Caller caller, String id, JsonNode input, boolean replace) {
        roles.requireEndpointAdmin(caller, "change nodes");
        DocumentStore.Stored current = stored(id);
        ObjectNode changes = DocumentTypes.NODE.validate(input, replace ? DocumentType.Mode.REPLACE
            : DocumentType.Mode.PATCH);
        ObjectNode next = replace ? changes : current.body().deepCopy().setAll(changes);
        store.update(Kinds.NODE, id, next);
        return present(id, next);
    }

    public void delete(Caller caller, String id) {
        roles.requireEndpointAdmin(caller, "remove nodes");
        stored(id);
        store.delete(Kinds.NODE, id);
    }

    private static ObjectNode present(String id, ObjectNode doc) {
        return DocumentTypes.NODE.present(doc, Map.of("id", TextNode.valueOf(id)));
    }
}
