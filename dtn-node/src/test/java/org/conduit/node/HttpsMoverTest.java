package org.conduit.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLSocket;
import org.conduit.storage.tck.LocalUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTPS mover driven by the clients people use: curl (uploads with Expect: 100-continue, ranges, HEAD) and
 * wget (resume), plus a raw TLS socket for a connection dropped mid-upload. Files are written as the mapped
 * local user; nothing half-uploaded ever appears under its real name.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpsMoverTest {
    private static final TestNode NODE = new TestNode();
    private static final DropwizardAppExtension<NodeConfiguration> APP = NODE.app;

    private String researcher;
    private String token;
    private String base;
    private Path folder;
    private Path ca;
    private byte[] content;

    @BeforeAll
    void researcherHasAMappedCollection() throws Exception {
        researcher = LocalUsers.isRoot() ? LocalUsers.ensure("conduit-https").username()
            : LocalUsers.currentUser().username();
        token = NODE.userToken(researcher);
        ApiClient admin = NODE.admin();
        folder = Files.createDirectories(NODE.home.resolve("https-data"));
        LocalUsers.sh("chown", researcher, folder.toString());
        String gateway = admin.get("/api/collections/" + NODE.endpointJson().get("default_collection_id").asText())
            .first().path("storage_gateway_id").asText();
        String collection = admin.post("/api/collections", """
            {"collection_type": "mapped", "display_name": "https", "storage_gateway_id": "%s",
             "collection_base_path": "%s"}
            """.formatted(gateway, folder)).first().path("id").asText();
        base = NODE.endpointJson().get("https_url").asText() + "/c/" + collection;
        ca = NODE.home.resolve("tls/ca.pem");
        content = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(content);
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, err);
    }

    /** curl with the node's CA and the researcher's token; extra arguments before the URL. */
    private Run curl(String path, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--cacert", ca.toString(),
            "-H", "Authorization: Bearer " + token));
        command.addAll(List.of(args));
        command.add(base + path);
        return run(command);
    }

    private int status(String path, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-o", "/dev/null", "-w", "%{http_code}"));
        return Integer.parseInt(curl(path, all.toArray(new String[0])).out().strip());
    }

    private Path local(String name) throws IOException {
        Path file = Files.createTempFile("https-", name);
        Files.write(file, content);
        return file;
    }

    @Test
    void curlUploadIsStoredAsTheMappedUserAndDownloadsIdentically() throws Exception {
        assertThat(status("/upload.bin", "-T", local("upload").toString())).isEqualTo(201);
        assertThat(Files.readAllBytes(folder.resolve("upload.bin"))).isEqualTo(content);
        assertThat(Files.getOwner(folder.resolve("upload.bin")).getName()).isEqualTo(researcher);
        Path back = Files.createTempFile("https-", "back");
        assertThat(status("/upload.bin", "-o", back.toString())).isEqualTo(200);
        assertThat(Files.readAllBytes(back)).isEqualTo(content);
        assertThat(status("/upload.bin", "-T", local("again").toString())).isEqualTo(204);
        try (var names = Files.list(folder)) {
            assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".conduit-upload-"));
        }
    }

    @Test
    void rangesSuffixRangesAndUnsatisfiableRanges() throws Exception {
        Files.write(folder.resolve("ranged.bin"), content);
        Run slice = curl("/ranged.bin", "-r", "1000-1999", "-D", "-");
        assertThat(slice.out()).contains("206").containsIgnoringCase("Content-Range: bytes 1000-1999/" + content.length);
        Run suffix = curl("/ranged.bin", "-H", "Range: bytes=-10", "-o", "/dev/null", "-D", "-");
        assertThat(suffix.out()).containsIgnoringCase("Content-Length: 10");
        assertThat(status("/ranged.bin", "-H", "Range: bytes=99999999-")).isEqualTo(416);
        Run head = curl("/ranged.bin", "-I");
        assertThat(head.out()).containsIgnoringCase("X-Content-Type-Options: nosniff")
            .containsIgnoringCase("Content-Security-Policy: sandbox");
        assertThat(head.out()).containsIgnoringCase("Accept-Ranges: bytes").containsIgnoringCase("ETag:")
            .containsIgnoringCase("Last-Modified:").containsIgnoringCase("Content-Length: " + content.length);
    }

    @Test
    void conditionalRequestsAnswer304() throws Exception {
        Files.write(folder.resolve("cached.bin"), content);
        String etag = curl("/cached.bin", "-I").out().lines().filter(l -> l.toLowerCase().startsWith("etag:"))
            .findFirst().orElseThrow().substring(5).strip();
        assertThat(status("/cached.bin", "-H", "If-None-Match: " + etag)).isEqualTo(304);
        assertThat(status("/cached.bin", "-H", "If-None-Match: \"other\"")).isEqualTo(200);
        assertThat(status("/cached.bin", "-H", "If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT")).isEqualTo(304);
        assertThat(status("/cached.bin", "-r", "0-9", "-H", "If-Range: \"stale\"")).isEqualTo(200);
    }

    @Test
    void wgetResumesAPartialDownload() throws Exception {
        Files.write(folder.resolve("resume.bin"), content);
        Path dir = Files.createTempDirectory("wget-");
        Files.write(dir.resolve("resume.bin"), java.util.Arrays.copyOf(content, 1_000_000));
        Run wget = run(List.of("wget", "-q", "-c", "--ca-certificate=" + ca, "--header=Authorization: Bearer " + token,
            "-P", dir.toString(), base + "/resume.bin"));
        assertThat(wget.exit()).as(wget.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("resume.bin"))).isEqualTo(content);
    }

    @Test
    void aConnectionDroppedMidUploadLeavesNoFile() throws Exception {
        var context = javax.net.ssl.SSLContext.getInstance("TLS");
        var trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        trust.load(null, null);
        try (var in = Files.newInputStream(ca)) {
            trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(in));
        }
        var tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        context.init(null, tmf.getTrustManagers(), null);
        java.net.URI uri = java.net.URI.create(base + "/dropped.bin");
        try (Socket plain = new Socket(uri.getHost(), uri.getPort());
             SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, uri.getHost(), uri.getPort(), true)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nAuthorization: Bearer "
                + token + "\r\nContent-Length: 10000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
        }
        Thread.sleep(1500);
        assertThat(folder.resolve("dropped.bin")).doesNotExist();
        try (var names = Files.list(folder)) {
            assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".conduit-upload-"));
        }
    }

    @Test
    void aWrongChecksumRejectsTheUploadAndStoresNothing() throws Exception {
        String wrong = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(new byte[1]));
        assertThat(status("/checked.bin", "-T", local("checked").toString(), "-H",
            "Content-Digest: sha-256=:" + wrong + ":")).isEqualTo(412);
        assertThat(folder.resolve("checked.bin")).doesNotExist();
        String right = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(status("/checked.bin", "-T", local("checked").toString(), "-H",
            "Content-Digest: sha-256=:" + right + ":")).isEqualTo(201);
    }

    @Test
    void withoutATokenTheAnswerIs401WithABearerChallengeEvenForBrowsers() throws Exception {
        Run r = run(List.of("curl", "-sS", "--cacert", ca.toString(), "-H", "X-Requested-With: XMLHttpRequest",
            "-o", "/dev/null", "-D", "-", base + "/upload.bin"));
        assertThat(r.out()).startsWith("HTTP/1.1 401").containsIgnoringCase("WWW-Authenticate: Bearer");
    }

    @Test
    void hostilePathsAreRefusedAndNothingOutsideIsServed() throws Exception {
        int climb = status("/../../../../etc/passwd", "--path-as-is");
        assertThat(climb).isIn(400, 404);
        assertThat(status("/a%00b")).isEqualTo(400);
        assertThat(status("/" + "n".repeat(300))).isEqualTo(400);
    }

    @Test
    void directoriesListAsJsonAndHtmlAndAreMadeAndRemoved() throws Exception {
        assertThat(status("/made", "-X", "MKCOL")).isEqualTo(201);
        assertThat(Files.getOwner(folder.resolve("made")).getName()).isEqualTo(researcher);
        Files.writeString(folder.resolve("made/a <b>.txt"), "x");
        Run json = curl("/made");
        assertThat(json.out()).contains("\"DATA_TYPE\":\"file_list\"").contains("a <b>.txt");
        Run html = curl("/made/", "-H", "Accept: text/html");
        assertThat(html.out()).contains("href=\"a%20%3Cb%3E.txt\"").contains("a &lt;b&gt;.txt");
        assertThat(status("/made", "-X", "DELETE")).isEqualTo(409);
        assertThat(status("/made", "-X", "DELETE", "-H", "Depth: infinity")).isEqualTo(204);
        assertThat(folder.resolve("made")).doesNotExist();
    }

    @Test
    void uploadIntoAMissingFolderIsAConflict() throws Exception {
        assertThat(status("/no/such/folder/f.bin", "-T", local("nowhere").toString())).isEqualTo(409);
    }
}
