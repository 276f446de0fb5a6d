package org.conduit.manager.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.conduit.identity.Identity;
import org.conduit.manager.access.Operation;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.api.ApiException;
import org.conduit.manager.auth.Principal;
import org.conduit.manager.web.Caller;
import org.conduit.storage.spi.StoragePath;
import org.jdbi.v3.core.Jdbi;

/**
 * Upload links: signed, expiring, revocable capabilities that let someone without an account put files into
 * one folder of a collection, with the authority of the link's creator (checked again on every use, so a
 * creator who loses access takes their links with them). A forged token is refused by its HMAC without a
 * database lookup; revocation, expiry and the byte/file limits are checked in the database.
 */
public final class UploadLinks {
    static final Duration MAX_LIFETIME = Duration.ofDays(90);
    /** Wrong passwords per link within {@link #PASSWORD_WINDOW} before further tries are refused. */
    public static final int MAX_WRONG_PASSWORDS = 10;
    private static final Duration PASSWORD_WINDOW = Duration.ofMinutes(10);
    private static final Set<String> FIELDS = Set.of("DATA_TYPE", "collection_id", "path", "expires_at", "password",
        "max_total_bytes", "max_files", "max_file_size", "allow_overwrite", "label");

    private final Jdbi jdbi;
    private final CollectionService collections;
    private final byte[] key;

    public UploadLinks(Jdbi jdbi, CollectionService collections, Path keyDirectory) {
        this.jdbi = jdbi;
        this.collections = collections;
        this.key = loadOrCreateKey(keyDirectory.resolve("upload-link.key"));
    }

    /** A link as stored. {@code folder} is collection-relative. */
    public record Link(String id, String collectionId, StoragePath folder, String creatorId, String creatorUsername,
                       String label, String passwordHash, Long maxTotalBytes, Integer maxFiles, Long maxFileSize,
                       boolean allowOverwrite, Instant expiresAt, Instant createdAt, Instant revokedAt, long usedBytes,
                       int usedFiles) {

        /**
         * The creator, as the access decisions see them when the link is used. Their login is as old as the link,
         * so a gateway that later demands recent logins (high assurance) stops its links.
         */
        public Caller creator() {
            Identity identity = Principal.identityOf(creatorUsername);
            return new Caller(identity, Set.of(identity.id()), Set.of(), createdAt);
        }

        public boolean needsPassword() {
            return passwordHash != null;
        }
    }

    // ------------------------------------------------------------------ REST side

    public ObjectNode create(Caller caller, JsonNode input) {
        if (input == null || !input.isObject()) {
            throw ApiErrors.invalidInput(null, "the request body must be an upload_link document");
        }
        input.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw ApiErrors.invalidInput(f, "unknown property of upload_link documents");
            }
        });
        String collectionId = input.path("collection_id").asText("");
        StoragePath folder = StoragePath.parse(input.path("path").asText("/"));
        Instant expires = expiry(input.path("expires_at"));
        // The creator must be able to write the folder now; every use checks again.
        try (CollectionAccess.Opened opened = collections.access().open(caller, collectionId, Operation.WRITE, folder)) {
            if (!opened.session().stat(folder).isDirectory()) {
                throw ApiErrors.invalidInput("path", folder + " is not a folder");
            }
            requireWritableByLink(collectionId);
            if ("guest".equals(collections.stored(collectionId).body().path("collection_type").asText())) {
                // On a guest collection, letting anyone write is an ACL decision: only ACL managers may.
                collections.require(caller, collections.stored(collectionId), Operation.MANAGE_ACLS);
            }
        }
        String id = UUID.randomUUID().toString();
        String password = input.path("password").asText(null);
        Instant now = Instant.now();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO upload_links (id, collection_id, folder, creator_id,"
                + " creator_username, label, password_hash, max_total_bytes, max_files, max_file_size, allow_overwrite,"
                + " expires_at, created_at, used_bytes, used_files) VALUES (:id, :collection, :folder, :creator,"
                + " :username, :label, :password, :maxBytes, :maxFiles, :maxFileSize, :overwrite, :expires, :now, 0, 0)")
            .bind("id", id).bind("collection", collectionId).bind("folder", folder.toString())
            .bind("creator", caller.id()).bind("username", caller.username())
            .bind("label", label(input))
            .bind("password", password == null ? null : hashPassword(password))
            .bind("maxBytes", positive(input, "max_total_bytes")).bind("maxFiles", positiveInt(input, "max_files"))
            .bind("maxFileSize", positive(input, "max_file_size"))
            .bind("overwrite", input.path("allow_overwrite").asBoolean(false))
            .bind("expires", expires.atOffset(ZoneOffset.UTC)).bind("now", now.atOffset(ZoneOffset.UTC)).execute());
        ObjectNode doc = present(find(id).orElseThrow());
        doc.put("token", token(id, expires));
        return doc;
    }

    /** Links are anonymous writes: refused where the collection disables them (always on high assurance). */
    public void requireWritableByLink(Link link) {
        requireWritableByLink(link.collectionId());
    }

    private void requireWritableByLink(String collectionId) {
        if (collections.views().of(collections.stored(collectionId)).anonymousWritesDisabled()) {
            throw ApiErrors.permissionDenied("this collection does not allow anonymous writes"
                + " (disable_anonymous_writes, or a high-assurance gateway), so it takes no upload links");
        }
    }

    /** Wrong passwords given for the link lately, from the audit trail. */
    public int recentWrongPasswords(Link link) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM upload_link_events WHERE link_id = :id"
                + " AND outcome = 'wrong password' AND at > :since")
            .bind("id", link.id()).bind("since", OffsetDateTime.now(ZoneOffset.UTC).minus(PASSWORD_WINDOW))
            .mapTo(Integer.class).one());
    }

    private static Instant expiry(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            throw ApiErrors.invalidInput("expires_at", "is required: links always expire (at most "
                + MAX_LIFETIME.toDays() + " days), e.g. 2027-01-31T00:00:00Z");
        }
        Instant at;
        try {
            at = Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw ApiErrors.invalidInput("expires_at", "must be an ISO 8601 time such as 2027-01-31T00:00:00Z");
        }
        if (!at.isAfter(Instant.now()) || at.isAfter(Instant.now().plus(MAX_LIFETIME))) {
            throw ApiErrors.invalidInput("expires_at", "must be in the future and at most " + MAX_LIFETIME.toDays()
                + " days away");
        }
        return at;
    }

    private static String label(JsonNode input) {
        String label = input.path("label").asText(null);
        if (label != null && (label.length() > 200 || label.chars().anyMatch(Character::isISOControl))) {
            throw ApiErrors.invalidInput("label", "at most 200 characters, without control characters");
        }
        return label;
    }

    private static Long positive(JsonNode input, String field) {
        JsonNode v = input.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || v.asLong() < 1) {
            throw ApiErrors.invalidInput(field, "must be a positive whole number");
        }
        return v.asLong();
    }

    private static Integer positiveInt(JsonNode input, String field) {
        Long v = positive(input, field);
        if (v != null && v > Integer.MAX_VALUE) {
            throw ApiErrors.invalidInput(field, "is too large");
        }
        return v == null ? null : v.intValue();
    }

    /** The caller's own links. */
    public List<ObjectNode> list(Caller caller) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM upload_links WHERE creator_id IN (<me>) ORDER BY created_at")
            .bindList("me", List.copyOf(caller.identityIds())).map((rs, ctx) -> row(rs)).list()).stream()
            .map(UploadLinks::present).toList();
    }

    public ObjectNode get(Caller caller, String id) {
        Link link = owned(caller, id);
        ObjectNode doc = present(link);
        var events = doc.putArray("events");
        jdbi.useHandle(h -> h.createQuery("SELECT * FROM upload_link_events WHERE link_id = :id ORDER BY id")
            .bind("id", id).map((rs, ctx) -> {
                ObjectNode event = events.addObject();
                event.put("time", rs.getObject("at", OffsetDateTime.class).toInstant().toString());
                event.put("client_ip", rs.getString("client_ip"));
                event.put("file_name", rs.getString("file_name"));
                event.put("bytes", rs.getLong("bytes"));
                event.put("outcome", rs.getString("outcome"));
                return event;
            }).list());
        return doc;
    }

    public void revoke(Caller caller, String id) {
        owned(caller, id);
        jdbi.useHandle(h -> h.createUpdate("UPDATE upload_links SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
            .bind("now", OffsetDateTime.now(ZoneOffset.UTC)).bind("id", id).execute());
    }

    private Link owned(Caller caller, String id) {
        return find(id).filter(l -> caller.identityIds().contains(l.creatorId()))
            .orElseThrow(() -> ApiErrors.notFound("upload_link", id));
    }

    static ObjectNode present(Link l) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("DATA_TYPE", "upload_link#1.0.0");
        doc.put("id", l.id());
        doc.put("collection_id", l.collectionId());
        doc.put("path", l.folder().toString());
        doc.put("label", l.label());
        doc.put("password_protected", l.needsPassword());
        putNullable(doc, "max_total_bytes", l.maxTotalBytes());
        putNullable(doc, "max_files", l.maxFiles() == null ? null : l.maxFiles().longValue());
        putNullable(doc, "max_file_size", l.maxFileSize());
        doc.put("allow_overwrite", l.allowOverwrite());
        doc.put("expires_at", l.expiresAt().toString());
        doc.put("created_at", l.createdAt().toString());
        doc.put("revoked", l.revokedAt() != null);
        doc.put("used_bytes", l.usedBytes());
        doc.put("used_files", l.usedFiles());
        return doc;
    }

    private static void putNullable(ObjectNode doc, String field, Long value) {
        if (value == null) {
            doc.putNull(field);
        } else {
            doc.put(field, value);
        }
    }

    // ------------------------------------------------------------------ the mover's side

    /** The link a token stands for, or the reason it cannot be used (forged, expired, revoked: 404/410). */
    public Link verify(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3 || !MessageDigest.isEqual(sign(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII))) {
            throw ApiErrors.notFound("upload_link", "(this link)");
        }
        long exp;
        try {
            exp = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw ApiErrors.notFound("upload_link", "(this link)");
        }
        if (Instant.ofEpochSecond(exp).isBefore(Instant.now())) {
            throw gone("this upload link has expired; ask whoever sent it for a new one");
        }
        Link link = find(parts[0]).orElseThrow(() -> ApiErrors.notFound("upload_link", "(this link)"));
        if (link.revokedAt() != null) {
            throw gone("this upload link was withdrawn by its owner");
        }
        return link;
    }

    private static ApiException gone(String message) {
        return new ApiException(410, "LinkGone", message, null);
    }

    public boolean passwordMatches(Link link, String password) {
        if (!link.needsPassword()) {
            return true;
        }
        if (password == null) {
            return false;
        }
        String[] stored = link.passwordHash().split(":");
        return MessageDigest.isEqual(Base64.getDecoder().decode(stored[1]),
            pbkdf2(password, Base64.getDecoder().decode(stored[0])));
    }

    /**
     * Reserves one file of {@code bytes} against the link's limits, atomically (several uploads may race);
     * false when a limit would be crossed.
     */
    public boolean reserve(Link link, long bytes) {
        if (link.maxFileSize() != null && bytes > link.maxFileSize()) {
            return false;
        }
        return jdbi.withHandle(h -> h.createUpdate("UPDATE upload_links SET used_files = used_files + 1,"
                + " used_bytes = used_bytes + :bytes WHERE id = :id AND revoked_at IS NULL"
                + " AND (max_files IS NULL OR used_files + 1 <= max_files)"
                + " AND (max_total_bytes IS NULL OR used_bytes + :bytes <= max_total_bytes)")
            .bind("bytes", bytes).bind("id", link.id()).execute()) == 1;
    }

    /** Gives back a reservation whose upload failed. */
    public void release(Link link, long bytes) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE upload_links SET used_files = used_files - 1,"
                + " used_bytes = used_bytes - :bytes WHERE id = :id").bind("bytes", bytes).bind("id", link.id()).execute());
    }

    /** The audit trail: every use, successful or not. */
    public void record(Link link, String clientIp, String fileName, long bytes, String outcome) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO upload_link_events (link_id, at, client_ip, file_name, bytes,"
                + " outcome) VALUES (:id, :at, :ip, :file, :bytes, :outcome)")
            .bind("id", link.id()).bind("at", OffsetDateTime.now(ZoneOffset.UTC)).bind("ip", clientIp)
            .bind("file", fileName).bind("bytes", bytes)
            .bind("outcome", outcome.length() > 200 ? outcome.substring(0, 200) : outcome).execute());
    }

    public Optional<Link> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM upload_links WHERE id = :id").bind("id", id)
            .map((rs, ctx) -> row(rs)).findOne());
    }

    private static Link row(java.sql.ResultSet rs) throws java.sql.SQLException {
        OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
        return new Link(rs.getString("id"), rs.getString("collection_id"), StoragePath.parse(rs.getString("folder")),
            rs.getString("creator_id"), rs.getString("creator_username"), rs.getString("label"),
            rs.getString("password_hash"), (Long) rs.getObject("max_total_bytes", Long.class),
            (Integer) rs.getObject("max_files", Integer.class), (Long) rs.getObject("max_file_size", Long.class),
            rs.getBoolean("allow_overwrite"), rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
            revoked == null ? null : revoked.toInstant(), rs.getLong("used_bytes"), rs.getInt("used_files"));
    }

    // ------------------------------------------------------------------ crypto

    /** {@code <id>.<expiry epoch seconds>.<HMAC-SHA256>}: a forged or altered token fails the HMAC. */
    String token(String id, Instant expires) {
        String body = id + "." + expires.getEpochSecond();
        return body + "." + sign(body);
    }

    private String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hashPassword(String password) {
        if (password.length() < 8) {
            throw ApiErrors.invalidInput("password", "must have at least 8 characters");
        }
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return Base64.getEncoder().encodeToString(salt) + ":" + Base64.getEncoder().encodeToString(pbkdf2(password, salt));
    }

    private static byte[] pbkdf2(String password, byte[] salt) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 120_000, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] loadOrCreateKey(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(file, fresh);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the upload link key " + file, e);
        }
    }
}
