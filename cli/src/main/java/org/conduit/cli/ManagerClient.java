package org.conduit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The GCS Manager API and the node's Transfer API ({@code /v0.10/...}, same address) over HTTPS with
 * {@link HttpClient}: result envelopes (GCS) or bare documents (Transfer) in, either API's error document
 * turned into {@link ApiError}, network and TLS failures into {@link CannotConnect}. Trusts exactly the configured CA (or
 * the system CAs when none is configured) and never relaxes certificate or host-name checks.
 */
final class ManagerClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** Where the Transfer API paths start; the node answers them on the manager's address. */
    static final String TRANSFER = "/v0.10";

    /**
     * One Transfer API request as a verb builds it ({@code path} below {@link #TRANSFER}, unencoded query
     * values, body or null), so tests can check command lines against requests without a network.
     */
    record Call(String method, String path, Map<String, String> query, JsonNode body) {
        static Call get(String path, Map<String, String> query) {
            return new Call("GET", path, query, null);
        }

        static Call post(String path, JsonNode body) {
            return new Call("POST", path, Map.of(), body);
        }

        static Call put(String path, JsonNode body) {
            return new Call("PUT", path, Map.of(), body);
        }

        static Call delete(String path) {
            return new Call("DELETE", path, Map.of(), null);
        }
    }

    /** What a successful answer must look like. */
    private enum Shape { GCS_RESULT, TRANSFER_DOCUMENT }

    private final HttpClient http;
    private final Settings settings;
    private final String userAgent;

    ManagerClient(Settings settings, String version) {
        this.settings = settings;
        this.userAgent = "conduit-cli/" + version;
        this.http = HttpClient.newBuilder()
            .sslContext(settings.caCert() == null ? systemTrust() : trustOnly(settings.caCert()))
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    }

    private static SSLContext systemTrust() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no TLS", e);
        }
    }

    /** An SSL context whose only trust anchors are the certificates in {@code caPem}. */
    static SSLContext trustOnly(Path caPem) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(caPem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new UsageError("cannot read the CA certificate " + caPem + ": " + e.getMessage()
                + "; pass --ca-cert with the endpoint's CA (tls/ca.pem in the node's home)");
        } catch (CertificateException e) {
            throw new UsageError("the CA file " + caPem + " holds no readable PEM certificate: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new UsageError("the CA file " + caPem + " holds no certificate");
        }
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trust from " + caPem, e);
        }
    }

    Settings settings() {
        return settings;
    }

    JsonNode get(String path) {
        return send("GET", path, Map.of(), null, Shape.GCS_RESULT);
    }

    JsonNode get(String path, Map<String, String> query) {
        return send("GET", path, query, null, Shape.GCS_RESULT);
    }

    JsonNode post(String path, JsonNode body) {
        return send("POST", path, Map.of(), body, Shape.GCS_RESULT);
    }

    JsonNode patch(String path, JsonNode body) {
        return send("PATCH", path, Map.of(), body, Shape.GCS_RESULT);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, Map.of(), null, Shape.GCS_RESULT);
    }

    /** A Transfer API request: answers the document the node returned (no result envelope). */
    JsonNode transfer(Call call) {
        return send(call.method(), call.path(), call.query(), call.body(), Shape.TRANSFER_DOCUMENT);
    }

    /** Every document of a listing, following {@code marker} until the server says there is no next page. */
    List<JsonNode> listAll(String path, Map<String, String> query) {
        List<JsonNode> all = new ArrayList<>();
        String marker = null;
        do {
            Map<String, String> q = new LinkedHashMap<>(query);
            if (marker != null) {
                q.put("marker", marker);
            }
            JsonNode page = get(path, q);
            page.path("data").forEach(all::add);
            String next = page.path("has_next_page").asBoolean(false) ? page.path("marker").asText(null) : null;
            if (next != null && next.equals(marker)) {
                throw new ApiError(200, "UnexpectedResponse", "the server answered the same page marker twice;"
                    + " stopped after " + all.size() + " documents", MissingNode.getInstance(), "GET", path);
            }
            marker = next;
        } while (marker != null);
        return all;
    }

    /** One path segment, escaped, for ids typed by users. */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, Map<String, String> query, JsonNode body, Shape shape) {
        String q = query.entrySet().stream()
            .map(e -> segment(e.getKey()) + "=" + segment(e.getValue()))
            .collect(Collectors.joining("&"));
        URI uri = URI.create(settings.managerUrl() + path + (q.isEmpty() ? "" : "?" + q));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json")
            .header("User-Agent", userAgent)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.compact(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (settings.token() != null) {
            request.header("Authorization", "Bearer " + settings.token());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw cannotConnect(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CannotConnect("interrupted while waiting for " + settings.managerUrl(), null);
        }
        return answer(method, path, response.statusCode(), response.body(), shape);
    }

    private static JsonNode answer(String method, String path, int status, String text, Shape shape) {
        JsonNode json;
        try {
            json = text.isBlank() ? MissingNode.getInstance() : Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            json = MissingNode.getInstance();
        }
        if (status >= 400) {
            // GCS: {DATA_TYPE: result#1.1.0, code, message, detail, ...}; Transfer: {code, message, request_id, resource}
            if (json.hasNonNull("code") && json.hasNonNull("message")) {
                throw new ApiError(status, json.get("code").asText(), json.get("message").asText(),
                    json.path("detail"), method, path, textOrNull(json, "request_id"), textOrNull(json, "resource"));
            }
            throw new ApiError(status, "HTTP " + status, "the answer is not a GCS or Transfer error document: "
                + snippet(text), MissingNode.getInstance(), method, path);
        }
        if (shape == Shape.TRANSFER_DOCUMENT) {
            if (!json.isObject()) {
                throw new ApiError(status, "UnexpectedResponse", "expected a JSON document from " + method + " "
                    + path + ", got: " + snippet(text), MissingNode.getInstance(), method, path);
            }
            return json;
        }
        if (!json.isObject() || !json.has("data")) {
            throw new ApiError(status, "UnexpectedResponse", "expected a result document from " + method + " "
                + path + ", got: " + snippet(text), MissingNode.getInstance(), method, path);
        }
        return json;
    }

    private static String textOrNull(JsonNode json, String field) {
        JsonNode v = json.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    /** A short, single-line, printable excerpt of an unexpected answer. */
    private static String snippet(String text) {
        String oneLine = text.replaceAll("\\s+", " ").replaceAll("[^\\x20-\\x7e]", "?").strip();
        if (oneLine.isEmpty()) {
            return "(empty body)";
        }
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }

    private CannotConnect cannotConnect(IOException e) {
        String where = settings.managerUrl().toString();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return new CannotConnect("TLS with " + where + " failed: " + t.getMessage(),
                    settings.caCert() == null
                        ? "the server's certificate is not signed by a CA this system trusts; pass --ca-cert with"
                            + " the endpoint's CA (tls/ca.pem in the node's home)"
                        : "the server's certificate is not signed by " + settings.caCert() + " or does not name "
                            + settings.managerUrl().getHost() + "; check --ca-cert and --manager-url");
            }
        }
        if (e instanceof HttpConnectTimeoutException) {
            return new CannotConnect("no connection to " + where + " within " + CONNECT_TIMEOUT.toSeconds() + " s",
                "check the host and port, and any firewall between here and the node");
        }
        if (e instanceof HttpTimeoutException) {
            return new CannotConnect(where + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s",
                "the node may be overloaded; its logs/ folder says more");
        }
        String reason = e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                reason = "unknown host " + settings.managerUrl().getHost();
                break;
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage();
                break;
            }
        }
        return new CannotConnect("cannot connect to " + where + ": " + reason,
            e instanceof ConnectException
                ? "is the node running (./conduit serve) and is --manager-url right?"
                : "check --manager-url and the network");
    }
}
