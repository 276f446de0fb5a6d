package org.conduit.node.https;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.conduit.manager.Manager;
import org.conduit.manager.access.Operation;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.api.ApiException;
import org.conduit.manager.core.CollectionAccess;
import org.conduit.manager.web.Caller;
import org.conduit.storage.spi.FileInfo;
import org.conduit.storage.spi.StorageException;
import org.conduit.storage.spi.StoragePath;
import org.conduit.storage.spi.StorageSession;

/**
 * HTTPS access to collections at {@code /c/<collection-id>/<path>}: GET and HEAD (single ranges, conditional
 * requests), PUT (streamed to a temporary name, renamed on success, optional checksum check), DELETE, MKCOL,
 * and directory listings (JSON for programs, HTML for browsers, wget and rclone). Every request goes through
 * the manager's authenticate step and {@link CollectionAccess}; errors come from the one error table.
 * Uploads that must survive a dropped connection use tus instead: {@link TusServlet} at {@code /tus/}.
 */
public final class HttpsMover extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final int BUFFER = 1 << 20;
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient Manager manager;

    public HttpsMover(Manager manager) {
        this.manager = manager;
    }

    /** Where a request points: the collection and the path inside it. */
    private record Target(String collectionId, StoragePath path, boolean trailingSlash) {
        static Target of(HttpServletRequest request) {
            String info = request.getPathInfo();
            if (info == null || info.length() < 2) {
                throw ApiErrors.invalidInput(null, "name a collection: /c/<collection-id>/<path>");
            }
            int slash = info.indexOf('/', 1);
            String id = slash < 0 ? info.substring(1) : info.substring(1, slash);
            String rest = slash < 0 ? "/" : info.substring(slash);
            return new Target(id, StoragePath.parse(rest), rest.endsWith("/"));
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Target target = Target.of(request);
            String method = request.getMethod();
            manager.collectionAccess().requireHttps(target.collectionId(), method);
            String header = request.getHeader("Authorization");
            Caller caller = header == null || header.isBlank() ? null : manager.authenticate(header);
            switch (method) {
                case "GET", "HEAD" -> get(caller, target, request, response, method.equals("HEAD"));
                case "PUT" -> put(caller, target, request, response);
                case "DELETE" -> delete(caller, target, request, response);
                case "MKCOL" -> mkcol(caller, target, response);
                case "OPTIONS" -> {
                    response.setHeader("Allow", "GET, HEAD, PUT, DELETE, MKCOL, OPTIONS");
                    response.setStatus(204);
                }
                default -> throw new ApiException(405, "MethodNotAllowed", method + " is not supported here", null);
            }
        } catch (ApiException e) {
            fail(response, e, Map.of());
        } catch (StorageException e) {
            fail(response, ApiErrors.storage(e), Map.of());
        }
    }

    /** The error document for {@code e}; {@code headers} are set after the reset that clears earlier ones. */
    static void fail(HttpServletResponse response, ApiException e, Map<String, String> headers) throws IOException {
        if (response.isCommitted()) {
            // Headers are out: all we can do is cut the body short so the client sees an incomplete transfer.
            throw new IOException("failed after the response started: " + e.getMessage());
        }
        response.reset();
        response.setStatus(e.status());
        headers.forEach(response::setHeader);
        if (e.status() == 401 && !headers.containsKey("WWW-Authenticate")) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"conduit\"");
        }
        response.setContentType("application/json");
        ObjectNode body = JSON.createObjectNode().put("code", e.code()).put("message", e.getMessage());
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }

    // ------------------------------------------------------------------ GET / HEAD

    private void get(Caller caller, Target target, HttpServletRequest request, HttpServletResponse response,
                     boolean headOnly) throws IOException {
        try (CollectionAccess.Opened opened = manager.collectionAccess().open(caller, target.collectionId(),
                Operation.STAT, target.path())) {
            FileInfo info = opened.session().stat(target.path());
            if (info.isDirectory()) {
                listing(caller, target, request, response, headOnly);
                return;
            }
            if (!opened.allows().test(Operation.READ, target.path())) {
                throw ApiErrors.permissionDenied("you may not read " + target.path());
            }
            String etag = etag(info);
            response.setHeader("ETag", etag);
            response.setHeader("Last-Modified", HTTP_DATE.format(info.modified()));
            response.setHeader("Accept-Ranges", "bytes");
            if (notModified(request, etag, info.modified())) {
                response.setStatus(304);
                return;
            }
            ByteRange range;
            try {
                range = ifRangeHolds(request, etag, info.modified())
                    ? ByteRange.parse(request.getHeader("Range"), info.size()) : null;
            } catch (ByteRange.Unsatisfiable e) {
                response.setStatus(416);
                response.setHeader("Content-Range", "bytes */" + info.size());
                return;
            }
            long offset = range == null ? 0 : range.first();
            long length = range == null ? info.size() : range.length();
            if (range != null) {
                response.setStatus(206);
                response.setHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + info.size());
            }
            String type = URLConnection.guessContentTypeFromName(info.name());
            response.setContentType(type == null ? "application/octet-stream" : type);
            // Stored files are data, never active content on the endpoint's origin (uploads come from anyone).
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Content-Security-Policy", "sandbox");
            response.setContentLengthLong(length);
            if (headOnly || length == 0) {
                return;
            }
            try (ReadableByteChannel in = opened.session().openRead(target.path(), offset, length)) {
                copy(in, Channels.newChannel(response.getOutputStream()));
            }
        }
    }

    /** Strong validator from size and modification time (the same bytes keep the same ETag across nodes). */
    static String etag(FileInfo info) {
        return "\"" + Long.toHexString(info.size()) + "-" + Long.toHexString(info.modified().toEpochMilli()) + "\"";
    }

    private static boolean notModified(HttpServletRequest request, String etag, Instant modified) {
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null) {
            return ifNoneMatch.strip().equals("*") || java.util.Arrays.stream(ifNoneMatch.split(","))
                .map(String::strip).map(t -> t.startsWith("W/") ? t.substring(2) : t).anyMatch(etag::equals);
        }
        Instant since = httpDate(request.getHeader("If-Modified-Since"));
        return since != null && !modified.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
    }

    /** {@code If-Range}: the range applies only if the client's copy is still current. */
    private static boolean ifRangeHolds(HttpServletRequest request, String etag, Instant modified) {
        String ifRange = request.getHeader("If-Range");
        if (ifRange == null) {
            return true;
        }
        if (ifRange.strip().startsWith("\"")) {
            return ifRange.strip().equals(etag);
        }
        Instant date = httpDate(ifRange);
        return date != null && modified.truncatedTo(ChronoUnit.SECONDS).equals(date);
    }

    private static Instant httpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.from(HTTP_DATE.parse(value.strip()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static long copy(ReadableByteChannel in, WritableByteChannel out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        long total = 0;
        while (in.read(buffer) >= 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                total += out.write(buffer);
            }
            buffer.clear();
        }
        return total;
    }

    /** Directories: HTML for browsers (and wget -r, rclone's http backend), JSON for everything else. */
    private void listing(Caller caller, Target target, HttpServletRequest request, HttpServletResponse response,
                         boolean headOnly) throws IOException {
        String accept = request.getHeader("Accept");
        boolean html = accept != null && accept.contains("text/html");
        if (html && !target.trailingSlash()) {
            // Relative links in the index resolve against the directory only with the trailing slash.
            response.setStatus(301);
            response.setHeader("Location", request.getRequestURI() + "/");
            return;
        }
        ObjectNode list = manager.files().ls(caller, target.collectionId(), target.path().toString(), true, 0,
            org.conduit.manager.core.FileOperations.MAX_LIMIT);
        byte[] body;
        if (html) {
            response.setContentType("text/html; charset=utf-8");
            response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            body = HtmlIndex.render(target.path(), list.path("DATA")).getBytes(StandardCharsets.UTF_8);
        } else {
            response.setContentType("application/json");
            body = JSON.writeValueAsBytes(list);
        }
        response.setContentLength(body.length);
        if (!headOnly) {
            response.getOutputStream().write(body);
        }
    }

    // ------------------------------------------------------------------ PUT

    /**
     * Streams the body to a temporary name in the target folder and renames it over the target only when every
     * byte (and the checksum, when given) arrived: a dropped upload never leaves a half file under the real name.
     */
    private void put(Caller caller, Target target, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        StoragePath path = target.path();
        if (path.isRoot() || target.trailingSlash()) {
            throw ApiErrors.invalidInput(null, "PUT needs a file path; create folders with MKCOL");
        }
        UploadDigest digest;
        try {
            digest = UploadDigest.from(request.getHeader("Content-Digest"), request.getHeader("Repr-Digest"),
                request.getHeader("Digest"), request.getHeader("Content-MD5"));
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidInput(null, e.getMessage());
        }
        try (CollectionAccess.Opened opened = manager.collectionAccess().open(caller, target.collectionId(),
                Operation.WRITE, path)) {
            StorageSession session = opened.session();
            FileInfo parent;
            try {
                parent = session.stat(path.parent());
            } catch (StorageException.NotFound e) {
                throw ApiErrors.conflict("folder " + path.parent() + " does not exist; create it first (MKCOL)");
            }
            if (!parent.isDirectory()) {
                throw new StorageException.NotADirectory(path.parent().toString());
            }
            FileInfo existing = statOrNull(session, path);
            if (existing != null && existing.isDirectory()) {
                throw new StorageException.IsADirectory(path.toString());
            }
            boolean onlyNew = "*".equals(request.getHeader("If-None-Match"));
            if (existing != null && onlyNew) {
                throw new ApiException(412, "PreconditionFailed", path + " exists and If-None-Match: * was sent", null);
            }
            try {
                Uploads.store(session, path, request.getInputStream(), request.getContentLengthLong(), digest, !onlyNew);
            } catch (StorageException.AlreadyExists raced) {
                throw new ApiException(412, "PreconditionFailed", path + " appeared during the upload and"
                    + " If-None-Match: * was sent; nothing was replaced", null);
            }
            FileInfo stored = session.stat(path);
            response.setHeader("ETag", etag(stored));
            response.setStatus(existing == null ? 201 : 204);
        }
    }

    static FileInfo statOrNull(StorageSession session, StoragePath path) {
        try {
            return session.stat(path);
        } catch (StorageException.NotFound e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ DELETE, MKCOL

    /** Files go at once; a folder needs {@code Depth: infinity} (WebDAV) or {@code ?recursive=true} unless empty. */
    private void delete(Caller caller, Target target, HttpServletRequest request, HttpServletResponse response) {
        boolean recursive = "infinity".equalsIgnoreCase(request.getHeader("Depth"))
            || "true".equalsIgnoreCase(request.getParameter("recursive"));
        JsonNode body = JSON.createObjectNode().put("path", target.path().toString()).put("recursive", recursive);
        manager.files().delete(caller, target.collectionId(), body);
        response.setStatus(204);
    }

    private void mkcol(Caller caller, Target target, HttpServletResponse response) {
        JsonNode body = JSON.createObjectNode().put("path", target.path().toString());
        manager.files().mkdir(caller, target.collectionId(), body);
        response.setStatus(201);
    }
}
