package org.conduit.node.https;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.conduit.manager.Manager;
import org.conduit.manager.access.Operation;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.api.ApiException;
import org.conduit.manager.core.CollectionAccess;
import org.conduit.manager.web.Caller;
import org.conduit.node.https.TusUploads.Upload;
import org.conduit.storage.spi.Capabilities;
import org.conduit.storage.spi.ChecksumAlgorithm;
import org.conduit.storage.spi.FileInfo;
import org.conduit.storage.spi.PositionalWrites;
import org.conduit.storage.spi.StorageException;
import org.conduit.storage.spi.StoragePath;
import org.conduit.storage.spi.StorageSession;
import org.conduit.storage.spi.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumable uploads with tus 1.0 (core, creation, termination, checksum, expiration), so a large upload survives
 * a dropped connection or a restart of either side.
 *
 * <p>URLs: a client POSTs to the creation URL {@code /tus/<collection-id>/<folder>/} with {@code Upload-Length}
 * and {@code Upload-Metadata: filename <base64>}, gets {@code Location: /tus/uploads/<id>}, and sends HEAD (where
 * am I), PATCH (bytes) and DELETE (give up) there. tus clients are built around a fixed creation URL plus a
 * file name in the metadata, and they resolve a root-relative Location themselves.
 *
 * <p>Rules: requests are authenticated and opened through {@link CollectionAccess} for WRITE on the final path
 * exactly as a PUT, at creation and again on every later request (tokens expire, grants change); only the
 * identity that created an upload may see, continue or end it. Bytes go to {@code .conduit-upload-<id>} next
 * to the final path, written as the mapped account, and are renamed to the final name when the last byte is
 * in. An upload never replaces a file: creation refuses a name that exists, and if the name was taken by the
 * time the last byte arrives, that PATCH is refused (409) without moving the offset, so the client can send
 * the tail again once the name is free. The offset in {@link TusUploads} counts only accepted bytes; bytes of
 * a refused PATCH may sit past it in the temporary file and are overwritten by the next PATCH.
 *
 * <p>Limits: one request at a time writes to an upload, enforced per node (423 for a second one); across nodes
 * the database's compare-and-set on the offset refuses the loser, so a load balancer should keep an upload on
 * one node. Partial files of expired uploads are removed when their owner next touches them (410): removing
 * them earlier would need a session as the mapped account without a token.
 */
public final class TusServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TusServlet.class);
    private static final String VERSION = "1.0.0";
    private static final String EXTENSIONS = "creation,termination,checksum,expiration";
    /** tus names (lowercase, as the checksum extension asks) of the algorithms a PATCH may be checked with. */
    private static final Map<String, ChecksumAlgorithm> CHECKSUMS = Map.of("md5", ChecksumAlgorithm.MD5,
        "sha1", ChecksumAlgorithm.SHA1, "sha256", ChecksumAlgorithm.SHA256, "sha512", ChecksumAlgorithm.SHA512);
    private static final String CHECKSUM_NAMES = "md5,sha1,sha256,sha512";
    /** An unfinished upload expires this long after its creation or its last PATCH. */
    private static final Duration LIFETIME = Duration.ofDays(7);
    private static final String UPLOADS = "/uploads/";
    private static final String OFFSET_STREAM = "application/offset+octet-stream";
    /** Tus error answers say which version to speak (required on 412, harmless elsewhere). */
    private static final Map<String, String> ERROR_HEADERS = Map.of("Tus-Resumable", VERSION, "Tus-Version", VERSION);

    private final transient Manager manager;
    private final transient TusUploads uploads;
    /**
     * Uploads a request of this node is working on: a second writer would interleave its bytes with the first,
     * and a HEAD's checks of the partial file could see a PATCH half done.
     */
    private final transient Set<String> busy = ConcurrentHashMap.newKeySet();

    public TusServlet(Manager manager, TusUploads uploads) {
        this.manager = manager;
        this.uploads = uploads;
    }

    /** A checksum a PATCH announced in {@code Upload-Checksum}. */
    private record BodyChecksum(String name, ChecksumAlgorithm algorithm, String expectedHex) {
        static BodyChecksum parse(String header) {
            if (header == null) {
                return null;
            }
            String[] parts = header.strip().split(" ");
            ChecksumAlgorithm algorithm = parts.length == 2 ? CHECKSUMS.get(parts[0]) : null;
            if (algorithm == null) {
                throw ApiErrors.invalidInput("Upload-Checksum", "expected '<algorithm> <base64>' with one of "
                    + CHECKSUM_NAMES);
            }
            try {
                return new BodyChecksum(parts[0], algorithm, HexFormat.of().formatHex(Base64.getDecoder().decode(parts[1])));
            } catch (IllegalArgumentException e) {
                throw ApiErrors.invalidInput("Upload-Checksum", "the checksum is not base64");
            }
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Tus-Resumable", VERSION);
        try {
            String override = request.getHeader("X-HTTP-Method-Override");
            // Clients without PATCH or DELETE (HttpURLConnection, old proxies) POST with this header instead.
            String method = override != null && request.getMethod().equals("POST")
                ? override.strip().toUpperCase(Locale.ROOT) : request.getMethod();
            if (method.equals("OPTIONS")) {
                response.setHeader("Tus-Version", VERSION);
                response.setHeader("Tus-Extension", EXTENSIONS);
                response.setHeader("Tus-Checksum-Algorithm", CHECKSUM_NAMES);
                response.setStatus(204);
                return;
            }
            if (!VERSION.equals(request.getHeader("Tus-Resumable"))) {
                throw new ApiException(412, "PreconditionFailed", "send Tus-Resumable: " + VERSION
                    + ", the tus version this node speaks", null);
            }
            String info = request.getPathInfo() == null ? "/" : request.getPathInfo();
            if (info.startsWith(UPLOADS)) {
                String id = info.substring(UPLOADS.length());
                switch (method) {
                    case "HEAD" -> head(authenticated(request), id, response);
                    case "PATCH" -> patch(authenticated(request), id, request, response);
                    case "DELETE" -> terminate(authenticated(request), id, response);
                    default -> throw new ApiException(405, "MethodNotAllowed", method + " is not part of tus", null);
                }
            } else if (method.equals("POST")) {
                create(info, request, response);
            } else {
                throw new ApiException(405, "MethodNotAllowed", "create uploads with POST; " + method
                    + " belongs to the upload URL the POST answers with", null);
            }
        } catch (ApiException e) {
            HttpsMover.fail(response, e, ERROR_HEADERS);
        } catch (StorageException e) {
            HttpsMover.fail(response, ApiErrors.storage(e), ERROR_HEADERS);
        }
    }

    private Caller authenticated(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiErrors.unauthorized("resumable uploads need a bearer token");
        }
        return manager.authenticate(header);
    }

    private static long nonNegative(String value, String header) {
        try {
            long n = Long.parseLong(value == null ? "" : value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiErrors.invalidInput(header, header + " must be a non-negative integer");
    }

    private static PositionalWrites positional(StorageSession session) {
        return Capabilities.as(session, PositionalWrites.class)
            .orElseThrow(() -> new StorageException.Unsupported("resumable (tus) uploads"));
    }

    // ------------------------------------------------------------------ creation

    private void create(String info, HttpServletRequest request, HttpServletResponse response) {
        if (info.length() < 2) {
            throw ApiErrors.invalidInput(null, "create uploads at /tus/<collection-id>/<folder>/");
        }
        int slash = info.indexOf('/', 1);
        String collectionId = slash < 0 ? info.substring(1) : info.substring(1, slash);
        StoragePath folder = StoragePath.parse(slash < 0 ? "/" : info.substring(slash));
        manager.collectionAccess().requireHttps(collectionId, "POST");
        Caller caller = authenticated(request);
        if (request.getHeader("Upload-Defer-Length") != null) {
            throw ApiErrors.invalidInput("Upload-Defer-Length", "deferred lengths are not supported; send Upload-Length");
        }
        long length = nonNegative(request.getHeader("Upload-Length"), "Upload-Length");
        if (request.getContentLengthLong() > 0) {
            throw ApiErrors.invalidInput(null, "creation-with-upload is not offered: create empty, then PATCH");
        }
        TusMetadata metadata = TusMetadata.parse(request.getHeader("Upload-Metadata"));
        String name = metadata.value("filename").orElseThrow(() -> ApiErrors.invalidInput("Upload-Metadata",
            "name the file: filename <base64 of the name>"));
        Uploads.requireOrdinaryName(name);
        StoragePath path = folder.resolve(name);
        Instant now = Instant.now();
        uploads.forgetExpiredCompleted(now);
        try (CollectionAccess.Opened opened = manager.collectionAccess().open(caller, collectionId, Operation.WRITE,
                path)) {
            StorageSession session = opened.session();
            PositionalWrites writes = positional(session);
            FileInfo parent = HttpsMover.statOrNull(session, folder);
            if (parent == null) {
                throw ApiErrors.conflict("folder " + folder + " does not exist; create it first (MKCOL)");
            }
            if (!parent.isDirectory()) {
                throw new StorageException.NotADirectory(folder.toString());
            }
            if (HttpsMover.statOrNull(session, path) != null) {
                throw ApiErrors.conflict(path + " exists; a resumable upload never replaces a file");
            }
            Upload upload = new Upload(UUID.randomUUID().toString(), collectionId, path, caller.id(), length, 0,
                metadata.header(), false, now, now.plus(LIFETIME));
            try (PositionalWrites.PositionalTarget created = writes.openPositional(upload.temporary(),
                    WriteOptions.createNew().withExpectedSize(length))) {
                created.complete();
            }
            try {
                uploads.insert(upload);
            } catch (RuntimeException e) {
                Uploads.discard(session, upload.temporary());
                throw e;
            }
            response.setStatus(201);
            response.setHeader("Location", request.getContextPath() + request.getServletPath() + UPLOADS + upload.id());
            response.setHeader("Upload-Expires", HttpsMover.HTTP_DATE.format(upload.expires()));
        }
    }

    // ------------------------------------------------------------------ the upload URL

    /** The caller's own upload; someone else's is refused before anything about it is opened or told. */
    private Upload ownUpload(Caller caller, String id) {
        Upload upload = uploads.find(id).orElseThrow(() -> ApiErrors.notFound("upload", id));
        if (!upload.ownerId().equals(caller.id())) {
            throw ApiErrors.permissionDenied("upload " + id + " belongs to another identity; only its creator may use it");
        }
        manager.collectionAccess().requireHttps(upload.collectionId(), "PATCH");
        return upload;
    }

    /** Opened as at creation: WRITE on the final path, decided anew for this request. */
    private CollectionAccess.Opened open(Caller caller, Upload upload) {
        return manager.collectionAccess().open(caller, upload.collectionId(), Operation.WRITE, upload.path());
    }

    /**
     * The offset the client may continue from, after the checks every request makes: an unfinished upload past
     * its expiry is removed (410), one whose temporary file is gone is forgotten (404, start again), and one
     * whose file is shorter than the recorded offset (lost in a crash, cut by hand) continues from the file's end.
     */
    private long currentOffset(StorageSession session, Upload upload) {
        if (upload.completed()) {
            return upload.length();
        }
        if (upload.expires().isBefore(Instant.now())) {
            Uploads.discard(session, upload.temporary());
            uploads.delete(upload.id());
            throw new ApiException(410, "Gone", "upload " + upload.id() + " expired at "
                + HttpsMover.HTTP_DATE.format(upload.expires()) + "; start a new one", null);
        }
        FileInfo temporary = HttpsMover.statOrNull(session, upload.temporary());
        if (temporary == null) {
            uploads.delete(upload.id());
            throw new ApiException(404, "NotFound", "the partial file of upload " + upload.id()
                + " is gone; start a new upload", null);
        }
        if (temporary.size() < upload.offset()) {
            uploads.advance(upload.id(), upload.offset(), temporary.size(), false, upload.expires());
            return temporary.size();
        }
        return upload.offset();
    }

    private static void describe(HttpServletResponse response, long length, long offset, Instant expires) {
        response.setHeader("Upload-Offset", Long.toString(offset));
        response.setHeader("Upload-Length", Long.toString(length));
        if (offset < length) {
            response.setHeader("Upload-Expires", HttpsMover.HTTP_DATE.format(expires));
        }
    }

    /**
     * Where the upload stands. While a request of this node writes to it, the recorded offset is the answer: the
     * checks of {@link #currentOffset} could catch that request between its rename and its commit.
     */
    private void head(Caller caller, String id, HttpServletResponse response) {
        boolean locked = busy.add(id);
        try {
            Upload upload = ownUpload(caller, id);
            try (CollectionAccess.Opened opened = open(caller, upload)) {
                long recorded = upload.completed() ? upload.length() : upload.offset();
                long offset = locked ? currentOffset(opened.session(), upload) : recorded;
                describe(response, upload.length(), offset, upload.expires());
                if (!upload.metadata().isEmpty()) {
                    response.setHeader("Upload-Metadata", upload.metadata());
                }
                response.setHeader("Cache-Control", "no-store");
                response.setStatus(200);
            }
        } finally {
            if (locked) {
                busy.remove(id);
            }
        }
    }

    /** Takes this node's write lock on an upload; 423 while another request holds it. */
    private void lock(String id) {
        if (!busy.add(id)) {
            throw new ApiException(423, "Locked", "another request is writing to upload " + id
                + "; try again when it has ended", null);
        }
    }

    private void patch(Caller caller, String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String type = request.getContentType();
        if (type == null || !type.strip().toLowerCase(Locale.ROOT).startsWith(OFFSET_STREAM)) {
            throw new ApiException(415, "UnsupportedMediaType", "PATCH bodies are Content-Type: " + OFFSET_STREAM, null);
        }
        long claimed = nonNegative(request.getHeader("Upload-Offset"), "Upload-Offset");
        BodyChecksum checksum = BodyChecksum.parse(request.getHeader("Upload-Checksum"));
        lock(id);
        try {
            patchLocked(ownUpload(caller, id), caller, claimed, checksum, request, response);
        } finally {
            busy.remove(id);
        }
    }

    private void patchLocked(Upload upload, Caller caller, long claimed, BodyChecksum checksum,
                             HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = upload.id();
        try (CollectionAccess.Opened opened = open(caller, upload)) {
            StorageSession session = opened.session();
            long offset = currentOffset(session, upload);
            if (claimed != offset) {
                throw ApiErrors.conflict("Upload-Offset is " + claimed + " but the upload is at " + offset
                    + "; ask with HEAD and continue from there");
            }
            long end = offset;
            Instant expires = upload.expires();
            if (!upload.completed()) {
                end += receive(positional(session), upload, offset, request.getInputStream(), checksum);
                boolean complete = end == upload.length();
                if (complete) {
                    try {
                        session.rename(upload.temporary(), upload.path(), false);
                    } catch (StorageException.AlreadyExists e) {
                        throw ApiErrors.conflict(upload.path() + " appeared meanwhile and a resumable upload never "
                            + "replaces a file; move it away and send the last " + (end - offset) + " bytes again");
                    }
                }
                expires = Instant.now().plus(LIFETIME);
                if (!uploads.advance(id, offset, end, complete, expires)) {
                    throw ApiErrors.conflict("upload " + id + " moved on meanwhile; ask with HEAD");
                }
            }
            describe(response, upload.length(), end, expires);
            response.setStatus(204);
        }
    }

    /**
     * Writes the body at {@code offset} and returns how many of its bytes count. A body that breaks off counts up
     * to where it broke (tus asks to keep what arrived), unless it announced a checksum, which then cannot be
     * verified. A mismatching checksum (460) or a body running past {@code Upload-Length} (413) counts nothing.
     */
    private static long receive(PositionalWrites writes, Upload upload, long offset, InputStream body,
                                BodyChecksum checksum) {
        ChecksumAlgorithm.Checksum sum = checksum == null ? null : checksum.algorithm().start();
        long room = upload.length() - offset;
        long written = 0;
        byte[] buffer = new byte[HttpsMover.BUFFER];
        try (PositionalWrites.PositionalTarget out = writes.openPositional(upload.temporary(),
                WriteOptions.keepExisting())) {
            IOException broken = null;
            while (true) {
                int n;
                try {
                    n = body.read(buffer);
                } catch (IOException e) {
                    broken = e;
                    break;
                }
                if (n < 0) {
                    break;
                }
                if (n > room - written) {
                    throw new ApiException(413, "PayloadTooLarge", "the body runs past Upload-Length ("
                        + upload.length() + "); nothing of it was kept", null);
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                if (sum != null) {
                    sum.update(chunk.duplicate());
                }
                out.write(chunk, offset + written);
                written += n;
            }
            if (broken != null) {
                LOG.info("tus upload {}: the body broke off after {} bytes ({}){}", upload.id(), written,
                    broken.getMessage(), sum != null ? "; with a checksum announced, none of them count" : "");
                if (sum != null) {
                    return 0;
                }
            } else if (sum != null) {
                String actual = sum.hex();
                if (!actual.equals(checksum.expectedHex())) {
                    throw new ApiException(460, "ChecksumMismatch", "the body's " + checksum.name() + " is " + actual
                        + ", not " + checksum.expectedHex() + "; nothing of it was kept", null);
                }
            }
            out.complete();
            return written;
        }
    }

    private void terminate(Caller caller, String id, HttpServletResponse response) {
        lock(id);
        try {
            Upload upload = ownUpload(caller, id);
            try (CollectionAccess.Opened opened = open(caller, upload)) {
                if (!upload.completed()) {
                    try {
                        opened.session().delete(upload.temporary(), false);
                    } catch (StorageException.NotFound gone) {
                        // nothing left to remove
                    }
                }
                uploads.delete(id);
                response.setStatus(204);
            }
        } finally {
            busy.remove(id);
        }
    }
}
