package org.conduit.manager.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The {@code result#1.1.0} envelope every GCS Manager API answer is wrapped in. */
public final class Results {
    public static final String DATA_TYPE = "result#1.1.0";

    private Results() {
    }

    public static ObjectNode ok(JsonNode... documents) {
        return page(List.of(documents), null, 200);
    }

    public static ObjectNode created(JsonNode document) {
        return page(List.of(document), null, 201);
    }

    /** A page of a listing; {@code marker} non-null means more pages follow. */
    public static ObjectNode page(List<? extends JsonNode> documents, String marker, int status) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("DATA_TYPE", DATA_TYPE);
        result.put("code", "success");
        result.put("http_response_code", status);
        result.put("has_next_page", marker != null);
        if (marker != null) {
            result.put("marker", marker);
        }
        ArrayNode data = result.putArray("data");
        documents.forEach(data::add);
        return result;
    }

    public static ObjectNode error(ApiException e) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("DATA_TYPE", DATA_TYPE);
        result.put("code", e.code());
        result.put("http_response_code", e.status());
        result.put("has_next_page", false);
        result.put("message", e.getMessage());
        result.putArray("data");
        if (e.detail() != null) {
            result.set("detail", e.detail());
        }
        return result;
    }
}
