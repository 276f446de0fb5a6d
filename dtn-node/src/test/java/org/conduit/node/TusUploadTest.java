package org.conduit.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusURLStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.conduit.storage.tck.LocalUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Resumable (tus 1.0) uploads driven by the reference Java client, plus raw requests for what a well-behaved
 * client never sends: wrong offsets and checksums, someone else's token, hostile file names, a connection that
 * dies mid-PATCH. Files land as the mapped user and never appear under their real name before the last byte.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TusUploadTest {
    private static final TestNode NODE = new TestNode();
    private static final DropwizardAppExtension<NodeConfiguration> APP = NODE.app;
    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    private String researcher;
    private String token;
    private String collection;
    private Path folder;
    private SSLContext tls;
    private HttpClient http;
    private byte[] content;

    @BeforeAll
    void researcherHasAMappedCollection() throws Exception {
        researcher = LocalUsers.isRoot() ? LocalUsers.ensure("conduit-tus").username()
            : LocalUsers.currentUser().username();
        token = NODE.userToken(researcher);
        ApiClient admin = NODE.admin();
        folder = Files.createDirectories(NODE.home.resolve("tus-data"));
        LocalUsers.sh("chown", researcher, folder.toString());
        String gateway = admin.get("/api/collections/" + NODE.endpointJson().get("default_collection_id").asText())
            .first().path("storage_gateway_id").asText();
        collection = admin.post("/api/collections", """
            {"collection_type": "mapped", "display_name": "tus", "storage_gateway_id": "%s",
             "collection_base_path": "%s"}
            """.formatted(gateway, folder)).first().path("id").asText();
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(NODE.home.resolve("tls/ca.pem"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(tls).build();
        content = new byte[5 * MIB + 123];
        new Random(11).nextBytes(content);
    }

    /** The node's base URL; read each time because a restart brings it back on another port. */
    private String base() throws Exception {
        return NODE.endpointJson().get("https_url").asText();
    }

    /** A folder of the collection for one test, so that tests do not see each other's partial files. */
    private Path dir(String name) throws Exception {
        Path dir = Files.createDirectories(folder.resolve(name));
        LocalUsers.sh("chown", researcher, dir.toString());
        return dir;
    }

    private String creationUrl(Path dir) throws Exception {
        return base() + "/tus/" + collection + "/" + folder.relativize(dir) + "/";
    }

    /**
     * The reference client as a user would set it up: the node's CA, a bearer token, a store of upload URLs,
     * uploads created in {@code dir}.
     */
    private TusClient client(String bearer, TusURLStore store, Path dir) throws Exception {
        TusClient client = new TusClient() {
            @Override
            public void prepareConnection(HttpURLConnection connection) {
                super.prepareConnection(connection);
                ((HttpsURLConnection) connection).setSSLSocketFactory(tls.getSocketFactory());
            }
        };
        client.setUploadCreationURL(URI.create(creationUrl(dir)).toURL());
        client.setHeaders(Map.of("Authorization", "Bearer " + bearer));
        client.enableResuming(store);
        return client;
    }

    private static Path localFile(String name, byte[] bytes) throws Exception {
        return Files.write(Files.createTempDirectory("tus-").resolve(name), bytes);
    }

    /** One raw tus request: {@code Tus-Resumable: 1.0.0} unless {@code headers} (name, value, ...) say otherwise. */
    private HttpResponse<String> send(String method, URI uri, String bearer, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).setHeader("Tus-Resumable", "1.0.0")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            b.setHeader("Authorization", "Bearer " + bearer);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> createRaw(Path dir, String name, long length) throws Exception {
        return send("POST", URI.create(creationUrl(dir)), token, null, "Upload-Length",
            Long.toString(length), "Upload-Metadata", "filename " + b64(name.getBytes(StandardCharsets.UTF_8)));
    }

    private URI create(Path dir, String name, long length) throws Exception {
        HttpResponse<String> created = createRaw(dir, name, length);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/tus/uploads/");
        assertThat(created.headers().firstValue("Upload-Expires")).isPresent();
        return URI.create(base()).resolve(location);
    }

    private HttpResponse<String> patch(URI upload, long offset, byte[] body, String... headers) throws Exception {
        String[] all = Arrays.copyOf(new String[] {"Upload-Offset", Long.toString(offset), "Content-Type",
            "application/offset+octet-stream"}, 4 + headers.length);
        System.arraycopy(headers, 0, all, 4, headers.length);
        return send("PATCH", upload, token, body, all);
    }

    private long offset(URI upload) throws Exception {
        HttpResponse<String> head = send("HEAD", upload, token, null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Cache-Control")).contains("no-store");
        return Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
    }

    private static Path temporary(Path dir, URI upload) {
        String path = upload.getPath();
        return dir.resolve(".conduit-upload-" + path.substring(path.lastIndexOf('/') + 1));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    private static void assertNoTemporaryFiles(Path dir) throws Exception {
        try (var names = Files.list(dir)) {
            assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".conduit-upload-"));
        }
    }

    @Test
    void optionsAdvertiseTheProtocolAndOtherVersionsGet412() throws Exception {
        Path dir = dir("options");
        HttpResponse<String> options = send("OPTIONS", URI.create(creationUrl(dir)), null, null);
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(options.headers().firstValue("Tus-Version")).contains("1.0.0");
        assertThat(options.headers().firstValue("Tus-Extension")).contains("creation,termination,checksum,expiration");
        assertThat(options.headers().firstValue("Tus-Checksum-Algorithm").orElseThrow()).contains("sha1", "md5", "sha256");
        HttpResponse<String> old = send("POST", URI.create(creationUrl(dir)), token, null, "Tus-Resumable", "0.2.2",
            "Upload-Length", "1", "Upload-Metadata", "filename " + b64("old.bin".getBytes(StandardCharsets.UTF_8)));
        assertThat(old.statusCode()).isEqualTo(412);
        assertThat(old.headers().firstValue("Tus-Version")).contains("1.0.0");
        assertThat(old.headers().firstValue("Tus-Resumable")).contains("1.0.0");
        try (var names = Files.list(dir)) {
            assertThat(names).isEmpty();
        }
    }

    @Test
    void aMultiMebibyteUploadInSeveralRequestsLandsIntactAsTheResearcher() throws Exception {
        Path dir = dir("chunks");
        TusUploader uploader = client(token, new TusURLMemoryStore(), dir)
            .createUpload(new TusUpload(localFile("chunks.bin", content).toFile()));
        uploader.setChunkSize(256 * KIB);
        uploader.setRequestPayloadSize(MIB);
        while (uploader.uploadChunk() > -1) {
            assertThat(dir.resolve("chunks.bin")).doesNotExist();
        }
        uploader.finish();
        Path stored = dir.resolve("chunks.bin");
        assertThat(Files.readAllBytes(stored)).isEqualTo(content);
        assertThat(Files.getOwner(stored).getName()).isEqualTo(researcher);
        assertThat(offset(URI.create(uploader.getUploadURL().toString()))).isEqualTo(content.length);
        assertNoTemporaryFiles(dir);
    }

    @Test
    void anUploadCutMidRequestResumesFromTheServersOffsetWithANewClient() throws Exception {
        Path dir = dir("resumed");
        TusURLStore store = new TusURLMemoryStore();
        Path file = localFile("resumed.bin", content);
        TusUploader first = client(token, store, dir).createUpload(new TusUpload(file.toFile()));
        first.setChunkSize(256 * KIB);
        first.setRequestPayloadSize(MIB);
        for (int i = 0; i < 8; i++) {
            first.uploadChunk();
        }
        URI url = URI.create(first.getUploadURL().toString());
        assertThat(offset(url)).isEqualTo(2 * MIB);

        // The next PATCH promises 1 MiB, and the connection dies after 300 KiB (a reset: what the server had not
        // read yet is lost, so the bytes that count are between none and all of them).
        try (Socket plain = new Socket(url.getHost(), url.getPort());
             SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, url.getHost(), url.getPort(), true)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\nAuthorization: Bearer "
                + token + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: " + 2 * MIB
                + "\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: " + MIB + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.write(slice(content, 2 * MIB, 2 * MIB + 300 * KIB));
            out.flush();
            Thread.sleep(300);
        }
        long offset = 2 * MIB;
        for (int i = 0; i < 100 && offset == 2 * MIB; i++) {
            Thread.sleep(100);
            offset = offset(url);
        }
        assertThat(offset).isGreaterThan(2 * MIB).isLessThanOrEqualTo(2 * MIB + 300 * KIB);
        assertThat(dir.resolve("resumed.bin")).doesNotExist();
        assertThat(Files.size(temporary(dir, url))).isGreaterThanOrEqualTo(offset);

        // A new process: a new client and upload object, the same stored URL for the same file.
        TusUploader second = client(token, store, dir).resumeUpload(new TusUpload(file.toFile()));
        assertThat(second.getOffset()).isEqualTo(offset);
        second.setRequestPayloadSize(MIB);
        while (second.uploadChunk() > -1) {
            assertThat(dir.resolve("resumed.bin")).doesNotExist();
        }
        second.finish();
        assertThat(Files.readAllBytes(dir.resolve("resumed.bin"))).isEqualTo(content);
        assertNoTemporaryFiles(dir);
    }

    @Test
    void anUploadResumesAfterANodeRestart() throws Exception {
        Path dir = dir("restart");
        Path file = localFile("restart.bin", slice(content, 0, 3 * MIB));
        TusUploader before = client(token, new TusURLMemoryStore(), dir).createUpload(new TusUpload(file.toFile()));
        before.setChunkSize(MIB);
        before.setRequestPayloadSize(MIB);
        before.uploadChunk();
        String path = before.getUploadURL().getPath();

        APP.after();
        APP.before();

        URL again = URI.create(base() + path).toURL();
        TusUploader after = client(token, new TusURLMemoryStore(), dir)
            .beginOrResumeUploadFromURL(new TusUpload(file.toFile()), again);
        assertThat(after.getOffset()).isEqualTo(MIB);
        while (after.uploadChunk() > -1) {
            // on to the end
        }
        after.finish();
        assertThat(Files.readAllBytes(dir.resolve("restart.bin"))).isEqualTo(slice(content, 0, 3 * MIB));
        assertNoTemporaryFiles(dir);
    }

    @Test
    void aWrongOffsetIsAConflictAndChangesNothing() throws Exception {
        Path dir = dir("offsets");
        URI upload = create(dir, "offsets.bin", 2000);
        assertThat(patch(upload, 0, slice(content, 0, 1000)).statusCode()).isEqualTo(204);
        assertThat(patch(upload, 0, slice(content, 0, 1000)).statusCode()).isEqualTo(409);
        assertThat(patch(upload, 1500, slice(content, 1500, 2000)).statusCode()).isEqualTo(409);
        assertThat(offset(upload)).isEqualTo(1000);
        assertThat(patch(upload, 1000, slice(content, 1000, 2500)).statusCode()).isEqualTo(413);
        assertThat(offset(upload)).isEqualTo(1000);
        HttpResponse<String> last = patch(upload, 1000, slice(content, 1000, 2000));
        assertThat(last.statusCode()).isEqualTo(204);
        assertThat(last.headers().firstValue("Upload-Offset")).contains("2000");
        assertThat(Files.readAllBytes(dir.resolve("offsets.bin"))).isEqualTo(slice(content, 0, 2000));
        assertNoTemporaryFiles(dir);
    }

    @Test
    void aWrongChecksumIs460AndTheOffsetStays() throws Exception {
        Path dir = dir("checksums");
        URI upload = create(dir, "checked.bin", 4000);
        byte[] body = slice(content, 0, 4000);
        String wrong = b64(MessageDigest.getInstance("SHA-1").digest(new byte[1]));
        HttpResponse<String> refused = patch(upload, 0, body, "Upload-Checksum", "sha1 " + wrong);
        assertThat(refused.statusCode()).isEqualTo(460);
        assertThat(refused.headers().firstValue("Tus-Resumable")).contains("1.0.0");
        assertThat(offset(upload)).isZero();
        assertThat(dir.resolve("checked.bin")).doesNotExist();
        assertThat(patch(upload, 0, body, "Upload-Checksum", "crc32 AAAAAA==").statusCode()).isEqualTo(400);
        String right = b64(MessageDigest.getInstance("SHA-256").digest(body));
        assertThat(patch(upload, 0, body, "Upload-Checksum", "sha256 " + right).statusCode()).isEqualTo(204);
        assertThat(Files.readAllBytes(dir.resolve("checked.bin"))).isEqualTo(body);
    }

    @Test
    void onlyTheCreatorMaySeeContinueOrEndAnUpload() throws Exception {
        Path dir = dir("private");
        URI upload = create(dir, "private.bin", 100);
        String other = NODE.userToken("tus-intruder");
        assertThat(send("HEAD", upload, other, null).statusCode()).isEqualTo(403);
        HttpResponse<String> theirs = send("PATCH", upload, other, slice(content, 0, 100), "Upload-Offset", "0",
            "Content-Type", "application/offset+octet-stream");
        assertThat(theirs.statusCode()).isEqualTo(403);
        assertThat(send("DELETE", upload, other, null).statusCode()).isEqualTo(403);
        assertThat(send("HEAD", upload, null, null).statusCode()).isEqualTo(401);
        assertThat(offset(upload)).isZero();
        assertThat(temporary(dir, upload)).exists();
    }

    @Test
    void everyRequestIsAuthorizedAnewSoARevokedTokenStopsAnUpload() throws Exception {
        Path dir = dir("revoked");
        String shortLived = NODE.userToken(researcher);
        URI upload = send("POST", URI.create(creationUrl(dir)), shortLived, null, "Upload-Length", "2000",
            "Upload-Metadata", "filename " + b64("revoked.bin".getBytes(StandardCharsets.UTF_8))).headers()
            .firstValue("Location").map(URI.create(base())::resolve).orElseThrow();
        assertThat(send("PATCH", upload, shortLived, slice(content, 0, 1000), "Upload-Offset", "0", "Content-Type",
            "application/offset+octet-stream").statusCode()).isEqualTo(204);
        assertThat(NODE.admin().post("/api/tokens/revoke", "{\"token\": \"" + shortLived + "\"}").status())
            .isEqualTo(200);
        assertThat(send("PATCH", upload, shortLived, slice(content, 1000, 2000), "Upload-Offset", "1000", "Content-Type",
            "application/offset+octet-stream").statusCode()).isEqualTo(401);
        // The upload belongs to the identity, not to the token: a fresh token of the same researcher finishes it.
        assertThat(patch(upload, 1000, slice(content, 1000, 2000)).statusCode()).isEqualTo(204);
        assertThat(Files.readAllBytes(dir.resolve("revoked.bin"))).isEqualTo(slice(content, 0, 2000));
    }

    @Test
    void terminationRemovesThePartialFile() throws Exception {
        Path dir = dir("terminated");
        URI upload = create(dir, "abandoned.bin", 10_000);
        assertThat(patch(upload, 0, slice(content, 0, 4000)).statusCode()).isEqualTo(204);
        assertThat(Files.size(temporary(dir, upload))).isEqualTo(4000);
        assertThat(Files.getOwner(temporary(dir, upload)).getName()).isEqualTo(researcher);
        // HttpURLConnection clients cannot send DELETE and override POST instead.
        assertThat(send("POST", upload, token, null, "X-HTTP-Method-Override", "DELETE").statusCode()).isEqualTo(204);
        try (var names = Files.list(dir)) {
            assertThat(names).isEmpty();
        }
        assertThat(send("HEAD", upload, token, null).statusCode()).isEqualTo(404);
    }

    @Test
    void hostileOrMissingFileNamesAreRefused() throws Exception {
        Path dir = dir("hostile");
        for (String name : new String[] {"../x", "a\0b", "a/b", "..", ".", "", ".conduit-upload-x", "line\nbreak"}) {
            assertThat(createRaw(dir, name, 10).statusCode()).as(name).isEqualTo(400);
        }
        assertThat(send("POST", URI.create(creationUrl(dir)), token, null, "Upload-Length", "10").statusCode())
            .isEqualTo(400);
        assertThat(send("POST", URI.create(creationUrl(dir)), token, null, "Upload-Length", "10", "Upload-Metadata",
            "filename ***").statusCode()).isEqualTo(400);
        assertThat(folder.resolve("x")).doesNotExist();
        try (var names = Files.list(dir)) {
            assertThat(names).isEmpty();
        }
    }

    @Test
    void anUploadNeverReplacesAFile() throws Exception {
        Path dir = dir("replace");
        Files.writeString(dir.resolve("taken.bin"), "mine");
        assertThat(createRaw(dir, "taken.bin", 10).statusCode()).isEqualTo(409);

        URI upload = create(dir, "late.bin", 3000);
        assertThat(patch(upload, 0, slice(content, 0, 2000)).statusCode()).isEqualTo(204);
        Files.writeString(dir.resolve("late.bin"), "first come");
        assertThat(patch(upload, 2000, slice(content, 2000, 3000)).statusCode()).isEqualTo(409);
        assertThat(Files.readString(dir.resolve("late.bin"))).isEqualTo("first come");
        assertThat(offset(upload)).isEqualTo(2000);
        Files.delete(dir.resolve("late.bin"));
        assertThat(patch(upload, 2000, slice(content, 2000, 3000)).statusCode()).isEqualTo(204);
        assertThat(Files.readAllBytes(dir.resolve("late.bin"))).isEqualTo(slice(content, 0, 3000));
        assertThat(Files.readString(dir.resolve("taken.bin"))).isEqualTo("mine");
        assertNoTemporaryFiles(dir);
    }
}
