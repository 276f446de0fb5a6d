package org.conduit.manager.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Persistence of GCS documents by kind and id, with the parent/owner references the API filters on. */
public final class DocumentStore {
    private final Jdbi jdbi;
    private final ObjectMapper json;

    public DocumentStore(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    public record Stored(String kind, String id, String parentId, String ownerId, ObjectNode body, Instant createdAt,
                         Instant updatedAt) {
    }

    public void insert(String kind, String id, String parentId, String ownerId, ObjectNode body) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO documents (kind, id, parent_id, owner_id, body, created_at,"
                + " updated_at) VALUES (:kind, :id, :parent, :owner, :body, :now, :now)")
            .bind("kind", kind).bind("id", id).bind("parent", parentId).bind("owner", ownerId)
            .bind("body", write(body)).bind("now", now).execute());
    }

    public Optional<Stored> get(String kind, String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM documents WHERE kind = :kind AND id = :id")
            .bind("kind", kind).bind("id", id).map((rs, ctx) -> row(rs)).findOne());
    }

    /**
     * A page of documents of one kind in id order, after {@code afterId} (the paging marker), optionally
     * only those with the given parent.
     */
    public List<Stored> list(String kind, String parentId, String afterId, int limit) {
        return jdbi.withHandle(h -> {
            StringBuilder sql = new StringBuilder("SELECT * FROM documents WHERE kind = :kind");
            if (parentId != null) {
                sql.append(" AND parent_id = :parent");
            }
            if (afterId != null) {
                sql.append(" AND id > :after");
            }
            sql.append(" ORDER BY id LIMIT :limit");
            Query q = h.createQuery(sql.toString()).bind("kind", kind).bind("limit", limit);
            if (parentId != null) {
                q.bind("parent", parentId);
            }
            if (afterId != null) {
                q.bind("after", afterId);
            }
            return q.map((rs, ctx) -> row(rs)).list();
        });
    }

    public List<Stored> all(String kind) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM documents WHERE kind = :kind ORDER BY id")
            .bind("kind", kind).map((rs, ctx) -> row(rs)).list());
    }

    public int count(String kind, String parentId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM documents WHERE kind = :kind AND parent_id = :parent")
            .bind("kind", kind).bind("parent", parentId).mapTo(Integer.class).one());
    }

    public boolean update(String kind, String id, ObjectNode body) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE documents SET body = :body, updated_at = :now"
                + " WHERE kind = :kind AND id = :id")
            .bind("kind", kind).bind("id", id).bind("body", write(body))
            .bind("now", OffsetDateTime.now(ZoneOffset.UTC)).execute()) == 1;
    }

    public boolean delete(String kind, String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM documents WHERE kind = :kind AND id = :id")
            .bind("kind", kind).bind("id", id).execute()) == 1;
    }

    private String write(ObjectNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Stored row(java.sql.ResultSet rs) throws java.sql.SQLException {
        try {
            return new Stored(rs.getString("kind"), rs.getString("id"), rs.getString("parent_id"),
                rs.getString("owner_id"), (ObjectNode) json.readTree(rs.getString("body")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored document " + rs.getString("kind") + "/" + rs.getString("id")
                + " is not valid JSON", e);
        }
    }
}
