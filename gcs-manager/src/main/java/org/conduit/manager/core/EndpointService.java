package org.conduit.manager.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.conduit.manager.api.DocumentType;
import org.conduit.manager.api.DocumentTypes;
import org.conduit.manager.db.DocumentStore;
import org.conduit.manager.web.Caller;

/** The endpoint document: one per installation, created on first start. */
public final class EndpointService {
    private final DocumentStore store;
    private final Roles roles;
    private final Supplier<NodeUrls> urls;

    public EndpointService(DocumentStore store, Roles roles, Supplier<NodeUrls> urls) {
        this.store = store;
        this.roles = roles;
        this.urls = urls;
    }

    /** The endpoint id, creating the endpoint document on first start. */
    public String ensure(String displayName) {
        return store.all(Kinds.ENDPOINT).stream().findFirst().map(DocumentStore.Stored::id).orElseGet(() -> {
            String id = UUID.randomUUID().toString();
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            doc.put("display_name", displayName);
            doc.put("network_use", "normal");
            doc.put("public", false);
            doc.put("allow_udt", false);
            doc.putArray("keywords");
            store.insert(Kinds.ENDPOINT, id, null, null, doc);
            return id;
        });
    }

    public String id() {
        return store.all(Kinds.ENDPOINT).get(0).id();
    }

    public ObjectNode get() {
        DocumentStore.Stored s = store.all(Kinds.ENDPOINT).get(0);
        return present(s);
    }

    private ObjectNode present(DocumentStore.Stored s) {
        return DocumentTypes.ENDPOINT.present(s.body(), Map.of("id", TextNode.valueOf(s.id()),
            "gcs_manager_url", TextNode.valueOf(urls.get().managerUrl()),
            "https_server", TextNode.valueOf(urls.get().httpsUrl()),
            "tlsftp_server", TextNode.valueOf(urls.get().gridftpUrl())));
    }

    /** PUT replaces the writable fields, PATCH merges them. */
    public ObjectNode update(Caller caller, JsonNode input, boolean replace) {
        roles.requireEndpointAdmin(caller, "change the endpoint");
        ObjectNode changes = DocumentTypes.ENDPOINT.validate(input, replace ? DocumentType.Mode.REPLACE
            : DocumentType.Mode.PATCH);
        DocumentStore.Stored current = store.all(Kinds.ENDPOINT).get(0);
        ObjectNode next = replace ? changes : current.body().deepCopy().setAll(changes);
        Concurrency.checkCustomNetworkUse(next);
        store.update(Kinds.ENDPOINT, current.id(), next);
        return get();
    }
}
