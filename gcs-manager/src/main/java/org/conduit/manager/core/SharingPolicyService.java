package org.conduit.manager.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.UUID;
import org.conduit.manager.access.Operation;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.api.DocumentType;
import org.conduit.manager.api.DocumentTypes;
import org.conduit.manager.db.DocumentStore;
import org.conduit.manager.web.Caller;

/**
 * Sharing policies ({@code sharing_policy#1.0.0}): per-user {@code sharing_restrict_paths} on a mapped
 * collection (empty {@code users}: everybody), managed by the mapped collection's administrators. They bound
 * guest collections created, and used, by those users ({@link CollectionViews#forSharing}).
 */
public final class SharingPolicyService {
    private final DocumentStore store;
    private final CollectionService collections;

    public SharingPolicyService(DocumentStore store, CollectionService collections) {
        this.store = store;
        this.collections = collections;
    }

    public ObjectNode create(Caller caller, JsonNode input) {
        ObjectNode doc = DocumentTypes.SHARING_POLICY.validate(input, DocumentType.Mode.CREATE);
        DocumentStore.Stored mapped = mappedManagedBy(caller, doc.path("collection_id").asText());
        StorageGatewayService.validRestrictions(doc, "sharing_restrict_paths");
        String id = UUID.randomUUID().toString();
        store.insert(Kinds.SHARING_POLICY, id, mapped.id(), caller.id(), doc);
        return present(id, doc);
    }

    private DocumentStore.Stored mappedManagedBy(Caller caller, String collectionId) {
        DocumentStore.Stored c = collections.stored(collectionId);
        if (!"mapped".equals(c.body().path("collection_type").asText())) {
            throw ApiErrors.invalidInput("collection_id", "sharing policies apply to mapped collections");
        }
        collections.require(caller, c, Operation.MODIFY_COLLECTION);
        return c;
    }

    private DocumentStore.Stored stored(Caller caller, String id) {
        DocumentStore.Stored p = store.get(Kinds.SHARING_POLICY, id)
            .orElseThrow(() -> ApiErrors.notFound("sharing_policy", id));
        mappedManagedBy(caller, p.parentId());
        return p;
    }

    public ObjectNode get(Caller caller, String id) {
        return present(id, stored(caller, id).body());
    }

    public ObjectNode list(Caller caller, String collectionId, String marker, int pageSize) {
        return Paging.page(store, Kinds.SHARING_POLICY, collectionId, marker, pageSize,
            p -> collections.decide(caller, collections.stored(p.parentId()), Operation.MODIFY_COLLECTION)
                instanceof org.conduit.manager.access.Decision.Permit,
            p -> present(p.id(), p.body()));
    }

    public void delete(Caller caller, String id) {
        stored(caller, id);
        store.delete(Kinds.SHARING_POLICY, id);
    }

    private static ObjectNode present(String id, ObjectNode doc) {
        return DocumentTypes.SHARING_POLICY.present(doc, Map.of("id", TextNode.valueOf(id)));
    }
}
