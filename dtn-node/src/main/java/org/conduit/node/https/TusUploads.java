package org.conduit.node.https;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.conduit.storage.spi.StoragePath;
import org.jdbi.v3.core.Jdbi;

/**
 * The state of tus uploads in the manager's database ({@code tus_uploads}), so an upload survives a node restart
 * and can be continued through any node that shares the database.
 */
public final class TusUploads {
    private final Jdbi jdbi;

    public TusUploads(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * One upload. {@code path} is the final path in the collection; the bytes wait in {@link #temporary()}.
     * {@code metadata} is the client's {@code Upload-Metadata} header as received (HEAD must echo it).
     */
    record Upload(String id, String collectionId, StoragePath path, String ownerId, long length, long offset,
                  String metadata, boolean completed, Instant created, Instant expires) {

        StoragePath temporary() {
            return path.parent().resolve(Uploads.TEMPORARY_PREFIX + id);
        }
    }

    void insert(Upload u) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO tus_uploads (id, collection_id, path, owner_id, upload_length, upload_offset, metadata,
                                         completed, created_at, expires_at)
                VALUES (:id, :collection, :path, :owner, :length, :offset, :metadata, :completed, :created, :expires)
                """)
            .bind("id", u.id()).bind("collection", u.collectionId()).bind("path", u.path().toString())
            .bind("owner", u.ownerId()).bind("length", u.length()).bind("offset", u.offset())
            .bind("metadata", u.metadata()).bind("completed", u.completed()).bind("created", utc(u.created()))
            .bind("expires", utc(u.expires())).execute());
    }

    Optional<Upload> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM tus_uploads WHERE id = :id").bind("id", id)
            .map((rs, ctx) -> new Upload(rs.getString("id"), rs.getString("collection_id"),
                StoragePath.parse(rs.getString("path")), rs.getString("owner_id"), rs.getLong("upload_length"),
                rs.getLong("upload_offset"), rs.getString("metadata"), rs.getBoolean("completed"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
            .findOne());
    }

    /**
     * Moves the offset from {@code from} to {@code to} only if nobody moved it meanwhile (another node, a second
     * request); false when the offset was not {@code from} any more.
     */
    boolean advance(String id, long from, long to, boolean completed, Instant expires) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE tus_uploads SET upload_offset = :to, completed = :completed, expires_at = :expires
                WHERE id = :id AND upload_offset = :from AND completed = FALSE
                """)
            .bind("id", id).bind("from", from).bind("to", to).bind("completed", completed)
            .bind("expires", utc(expires)).execute()) == 1;
    }

    void delete(String id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM tus_uploads WHERE id = :id").bind("id", id).execute());
    }

    /** Forgets finished uploads past their expiry: they hold no temporary file, only the answer to a late HEAD. */
    void forgetExpiredCompleted(Instant now) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM tus_uploads WHERE completed = TRUE AND expires_at < :now")
            .bind("now", utc(now)).execute());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
