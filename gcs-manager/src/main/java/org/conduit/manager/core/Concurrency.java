package org.conduit.manager.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.conduit.manager.api.ApiErrors;

/** The {@code network_use} rule shared by endpoints and gateways: {@code custom} needs all four numbers. */
final class Concurrency {
    private static final String[] CUSTOM_FIELDS = {"max_concurrency", "preferred_concurrency", "max_parallelism",
        "preferred_parallelism"};

    private Concurrency() {
    }

    static void checkCustomNetworkUse(JsonNode doc) {
        if (!"custom".equals(doc.path("network_use").asText())) {
            return;
        }
        List<ApiErrors.Problem> missing = new ArrayList<>();
        for (String f : CUSTOM_FIELDS) {
            if (!doc.path(f).isIntegralNumber() || doc.path(f).asInt() < 1) {
                missing.add(new ApiErrors.Problem(f, "is required (a positive integer) when network_use is custom"));
            }
        }
        if (!missing.isEmpty()) {
            throw ApiErrors.invalidInput(missing);
        }
    }
}
