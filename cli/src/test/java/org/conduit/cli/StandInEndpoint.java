package org.conduit.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.conduit.node.tls.EndpointTls;

/**
 * A scripted HTTPS server with TLS made the node's way, for answers a real node cannot be made to give
 * (several pages, a broken marker, a proxy's HTML error, API paths a node does not have yet). It records
 * every request.
 */
final class StandInEndpoint implements AutoCloseable {
    record Request(String method, String pathAndQuery, String authorization, String body) {
    }

    record Reply(int status, String body) {
    }

    private final HttpsServer server;
    private final Path caCert;
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    StandInEndpoint(Path tlsDir) throws Exception {
        EndpointTls tls = EndpointTls.ensure(tlsDir, List.of("localhost", "127.0.0.1"));
        caCert = tls.caCertificate();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.keyStore())) {
            keys.load(in, tls.keyStorePassword().toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, tls.keyStorePassword().toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers {@code METHOD /path} (query ignored); anything unrouted gets Jersey's bare 404 document. */
    StandInEndpoint on(String method, String path, Function<Request, Reply> reply) {
        routes.put(method + " " + path, reply);
        return this;
    }

    /** Drops every route and recorded request. */
    void reset() {
        routes.clear();
        requests.clear();
    }

    String url() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    Path caCert() {
        return caCert;
    }

    List<Request> requests() {
        return requests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
            exchange.getRequestHeaders().getFirst("Authorization"),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add(request);
        Function<Request, Reply> route = routes.get(request.method() + " " + exchange.getRequestURI().getPath());
        Reply reply = route != null ? route.apply(request) : new Reply(404, """
            {"DATA_TYPE": "result#1.1.0", "code": "NotFound", "http_response_code": 404, "has_next_page": false,
             "message": "HTTP 404 Not Found", "data": []}""");
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
