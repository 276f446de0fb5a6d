package org.conduit.manager.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.api.Results;
import org.conduit.manager.db.DocumentStore;

/** {@code page_size} + {@code marker} paging over stored documents (the marker is the last id returned). */
public final class Paging {
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;

    private Paging() {
    }

    public static int pageSize(Integer requested) {
        if (requested == null) {
            return DEFAULT_PAGE_SIZE;
        }
        if (requested < 1 || requested > MAX_PAGE_SIZE) {
            throw ApiErrors.invalidInput("page_size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return requested;
    }

    /**
     * Reads pages from the store until {@code pageSize} documents pass {@code keep}, and answers the result
     * envelope with a marker when more may follow.
     */
    static ObjectNode page(DocumentStore store, String kind, String parentId, String marker, int pageSize,
                           Predicate<DocumentStore.Stored> keep, Function<DocumentStore.Stored, ObjectNode> present) {
        List<ObjectNode> out = new java.util.ArrayList<>();
        String after = marker;
        while (true) {
            List<DocumentStore.Stored> batch = store.list(kind, parentId, after, pageSize + 1);
            for (DocumentStore.Stored s : batch) {
                if (out.size() == pageSize) {
                    return Results.page(out, after, 200);
                }
                after = s.id();
                if (keep.test(s)) {
                    out.add(present.apply(s));
                }
            }
            if (batch.size() <= pageSize) {
                return Results.page(out, null, 200);
            }
        }
    }
}
