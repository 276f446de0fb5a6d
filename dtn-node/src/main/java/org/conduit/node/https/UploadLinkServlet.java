package org.conduit.node.https;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.conduit.manager.Manager;
import org.conduit.manager.access.Operation;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.api.ApiException;
import org.conduit.manager.core.CollectionAccess;
import org.conduit.manager.core.UploadLinks;
import org.conduit.storage.spi.FileInfo;
import org.conduit.storage.spi.StorageException;
import org.conduit.storage.spi.StoragePath;

/**
 * Uploads through upload links: {@code PUT /l/<link>/<file-name>} ({@code curl -T file https://node/l/<link>/}
 * works), and a page at {@code /l/<link>} for people with only a browser. The uploader can put new files into
 * the link's folder and do nothing else: no reading, listing or deleting; names are single plain file names.
 * Every use is audited.
 */
public final class UploadLinkServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PASSWORD = 1024;

    private final transient Manager manager;

    public UploadLinkServlet(Manager manager) {
        this.manager = manager;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UploadLinks links = manager.uploadLinks();
        String info = request.getPathInfo() == null ? "" : request.getPathInfo();
        String[] parts = info.startsWith("/") ? info.substring(1).split("/", 2) : new String[] {""};
        try {
            UploadLinks.Link link = links.verify(parts[0]);
            String name = parts.length > 1 ? parts[1] : "";
            switch (request.getMethod()) {
                case "GET", "HEAD" -> page(request, response, link, parts[0]);
                case "PUT" -> upload(request, response, links, link, name);
                default -> throw new ApiException(405, "MethodNotAllowed", "an upload link only takes PUT uploads", null);
            }
        } catch (ApiException e) {
            HttpsMover.fail(response, e, java.util.Map.of());
        } catch (StorageException e) {
            HttpsMover.fail(response, ApiErrors.storage(e), java.util.Map.of());
        }
    }

    private void upload(HttpServletRequest request, HttpServletResponse response, UploadLinks links,
                        UploadLinks.Link link, String name) throws IOException {
        String client = request.getRemoteAddr();
        manager.collectionAccess().requireHttps(link.collectionId(), "PUT");
        links.requireWritableByLink(link);
        if (links.recentWrongPasswords(link) >= UploadLinks.MAX_WRONG_PASSWORDS) {
            throw new ApiException(429, "TooManyAttempts", "too many wrong passwords for this link; try again in a"
                + " few minutes", null);
        }
        if (!links.passwordMatches(link, password(request))) {
            links.record(link, client, null, 0, "wrong password");
            HttpsMover.fail(response, new ApiException(401, "PasswordRequired",
                "this upload link needs its password (curl -u :PASSWORD)", null),
                java.util.Map.of("WWW-Authenticate", "Basic realm=\"upload link\""));
            return;
        }
        StoragePath target;
        try {
            target = link.folder().resolve(name);
        } catch (StorageException.InvalidPath e) {
            links.record(link, client, null, 0, "refused name");
            throw ApiErrors.invalidInput(null, "name the file with one plain file name: PUT /l/<link>/<file-name>");
        }
        long declared = request.getContentLengthLong();
        if (declared < 0) {
            throw new ApiException(411, "LengthRequired", "send Content-Length (curl -T does): the link's limits"
                + " are checked before the upload starts", null);
        }
        if (!links.reserve(link, declared)) {
            links.record(link, client, name, declared, "over the link's limits");
            throw new ApiException(413, "LinkLimitReached", "this upload link does not take this file: it is"
                + " larger than the link allows or the link is full (files or bytes)", null);
        }
        boolean stored = false;
        try (CollectionAccess.Opened opened = manager.collectionAccess().open(link.creator(), link.collectionId(),
                Operation.WRITE, target);
             InputStream body = request.getInputStream()) {
            // Refuse before reading the body when the name is taken (the rename stays the final check).
            FileInfo taken = HttpsMover.statOrNull(opened.session(), target);
            if (taken != null && (taken.isDirectory() || !link.allowOverwrite())) {
                throw new StorageException.AlreadyExists(target.toString());
            }
            FileInfo file = Uploads.store(opened.session(), target, body, declared, null, link.allowOverwrite());
            stored = true;
            links.record(link, client, name, file.size(), "stored");
            response.setStatus(201);
        } catch (StorageException.AlreadyExists e) {
            links.record(link, client, name, declared, "exists");
            throw ApiErrors.conflict("a file called '" + name + "' is already there; rename yours and send it again");
        } catch (ApiException | StorageException | IOException e) {
            links.record(link, client, name, declared, "failed: " + e.getMessage());
            throw e;
        } finally {
            if (!stored) {
                links.release(link, declared);
            }
        }
    }

    /** The password of a password-protected link: Basic auth with any user name, or {@code X-Link-Password}. */
    private static String password(HttpServletRequest request) {
        String header = request.getHeader("X-Link-Password");
        if (header != null) {
            return header.length() > MAX_PASSWORD ? null : header;
        }
        String auth = request.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(auth.substring(6).strip()), StandardCharsets.UTF_8);
                return pair.substring(pair.indexOf(':') + 1);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
        return null;
    }

    /** JSON for programs, a small self-contained upload page for browsers (nothing loaded from elsewhere). */
    private static void page(HttpServletRequest request, HttpServletResponse response, UploadLinks.Link link,
                             String token) throws IOException {
        String accept = request.getHeader("Accept");
        byte[] body;
        if (accept != null && accept.contains("text/html")) {
            response.setContentType("text/html; charset=utf-8");
            response.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline';"
                + " style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'");
            response.setHeader("Referrer-Policy", "no-referrer");
            body = UploadPage.render(link, "/l/" + token + "/").getBytes(StandardCharsets.UTF_8);
        } else {
            response.setContentType("application/json");
            var doc = JSON.createObjectNode();
            doc.put("DATA_TYPE", "upload_link_info#1.0.0");
            doc.put("label", link.label());
            doc.put("expires_at", link.expiresAt().toString());
            doc.put("password_protected", link.needsPassword());
            doc.put("upload_url", "/l/" + token + "/<file-name>");
            body = JSON.writeValueAsBytes(doc);
        }
        response.setContentLength(body.length);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(body);
        }
    }
}
