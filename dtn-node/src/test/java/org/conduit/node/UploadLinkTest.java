package org.conduit.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.conduit.storage.tck.LocalUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Upload links for collaborators without an account, driven with curl as they would: files land in the link's
 * folder only, as the link creator's account; limits, passwords, revocation and forgery are enforced; the
 * uploader can read nothing; every use is audited.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadLinkTest {
    private static final TestNode NODE = new TestNode();
    private static final DropwizardAppExtension<NodeConfiguration> APP = NODE.app;

    private ApiClient owner;
    private String collection;
    private Path folder;
    private Path ca;

    @BeforeAll
    void researcherOwnsAFolder() throws Exception {
        String researcher = LocalUsers.isRoot() ? LocalUsers.ensure("conduit-links").username()
            : LocalUsers.currentUser().username();
        owner = NODE.user(researcher);
        ApiClient admin = NODE.admin();
        Path storage = Files.createDirectories(NODE.home.resolve("link-storage"));
        folder = Files.createDirectories(storage.resolve("incoming"));
        LocalUsers.sh("chown", "-R", researcher, storage.toString());
        String gateway = admin.get("/api/collections/" + NODE.endpointJson().get("default_collection_id").asText())
            .first().path("storage_gateway_id").asText();
        collection = admin.post("/api/collections", """
            {"collection_type": "mapped", "display_name": "links", "storage_gateway_id": "%s",
             "collection_base_path": "%s"}
            """.formatted(gateway, storage)).first().path("id").asText();
        ca = NODE.home.resolve("tls/ca.pem");
    }

    private ApiClient.Reply link(String extra) throws Exception {
        return owner.post("/api/upload_links", """
            {"collection_id": "%s", "path": "/incoming", "expires_at": "%s", "label": "Send me your data"%s}
            """.formatted(collection, Instant.now().plusSeconds(3600), extra));
    }

    private record Run(int exit, String out) {
    }

    private Run curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--cacert", ca.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    private int put(String url, Path file, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(extra));
        args.addAll(List.of("-T", file.toString(), "-o", "/dev/null", "-w", "%{http_code}", url));
        return Integer.parseInt(curl(args.toArray(new String[0])).out().strip());
    }

    private Path file(String name, int size) throws Exception {
        Path dir = Files.createTempDirectory("link-src-");
        Path f = dir.resolve(name);
        Files.write(f, new byte[size]);
        return f;
    }

    @Test
    void curlUploadsLandInTheFolderWithinTheLimitsAndNeverOverwrite() throws Exception {
        ApiClient.Reply created = link(", \"max_files\": 2, \"max_file_size\": 100000");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String url = created.first().path("url").asText();
        assertThat(url).contains("/l/");

        assertThat(put(url + "/", file("one.dat", 1000))).isEqualTo(201);
        assertThat(folder.resolve("one.dat")).hasSize(1000);
        Files.writeString(folder.resolve("one.dat"), "kept");
        assertThat(put(url + "/", file("one.dat", 1000))).isEqualTo(409);
        assertThat(folder.resolve("one.dat")).hasContent("kept");
        assertThat(put(url + "/", file("big.dat", 200_000))).isEqualTo(413);
        assertThat(put(url + "/", file("two.dat", 10))).isEqualTo(201);
        assertThat(put(url + "/", file("three.dat", 10))).isEqualTo(413);
        assertThat(folder.resolve("three.dat")).doesNotExist();

        Path accessLog = NODE.home.resolve("logs/access.log");
        assertThat(Files.readString(accessLog)).contains("/api/upload_links").doesNotContain("/l/");

        ApiClient.Reply audit = owner.get("/api/upload_links/" + created.first().path("id").asText());
        assertThat(audit.first().path("used_files").asInt()).as(audit.body().toString()).isEqualTo(2);
        assertThat(audit.first().path("events")).anySatisfy(e -> {
            assertThat(e.path("file_name").asText()).isEqualTo("one.dat");
            assertThat(e.path("outcome").asText()).isEqualTo("stored");
            assertThat(e.path("client_ip").asText()).isNotEmpty();
        });
    }

    @Test
    void theUploaderCannotReadListOrLeaveTheFolder() throws Exception {
        Files.writeString(folder.resolve("private.txt"), "not for uploaders");
        String url = link("").first().path("url").asText();
        assertThat(curl(url + "/private.txt").out()).doesNotContain("not for uploaders");
        assertThat(curl(url).out()).doesNotContain("private.txt");
        assertThat(curl("-X", "DELETE", "-o", "/dev/null", "-w", "%{http_code}", url + "/private.txt").out())
            .isEqualTo("405");
        int escape = put(url + "/..%2F..%2Fescaped.txt", file("x.txt", 5), "--path-as-is");
        assertThat(escape).isIn(400, 404);
        assertThat(folder.getParent().resolve("escaped.txt")).doesNotExist();
        assertThat(folder.resolve("private.txt")).hasContent("not for uploaders");
    }

    @Test
    void forgedRevokedAndPasswordProtectedLinks() throws Exception {
        ApiClient.Reply created = link(", \"password\": \"correct horse\"");
        String url = created.first().path("url").asText();
        assertThat(put(url + "/", file("pw.dat", 3))).isEqualTo(401);
        assertThat(put(url + "/", file("pw.dat", 3), "-u", ":correct horse")).isEqualTo(201);
        String forged = url.substring(0, url.length() - 4) + (url.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(put(forged + "/", file("forged.dat", 3))).isEqualTo(404);
        assertThat(owner.send("DELETE", "/api/upload_links/" + created.first().path("id").asText(), null).status())
            .isEqualTo(200);
        assertThat(put(url + "/", file("late.dat", 3), "-u", ":correct horse")).isEqualTo(410);
        assertThat(folder.resolve("late.dat")).doesNotExist();
        assertThat(NODE.user("stranger").get("/api/upload_links/" + created.first().path("id").asText()).status())
            .isEqualTo(404);
    }

    @Test
    void wrongPasswordsGetABasicChallengeAndTooManyAreRefused() throws Exception {
        String url = link(", \"password\": \"a good password\"").first().path("url").asText();
        Run first = curl("-T", file("g.dat", 3).toString(), "-u", ":wrong", "-o", "/dev/null", "-D", "-", url + "/");
        assertThat(first.out()).startsWith("HTTP/1.1 401").containsIgnoringCase("WWW-Authenticate: Basic");
        for (int i = 0; i < 10; i++) {
            put(url + "/", file("g.dat", 3), "-u", ":wrong");
        }
        assertThat(put(url + "/", file("g.dat", 3), "-u", ":a good password")).isEqualTo(429);
    }

    @Test
    void collectionsThatDisableAnonymousWritesTakeNoLinks() throws Exception {
        ApiClient admin = NODE.admin();
        admin.send("PATCH", "/api/collections/" + collection, "{\"disable_anonymous_writes\": true}");
        try {
            assertThat(link("").status()).isEqualTo(403);
        } finally {
            admin.send("PATCH", "/api/collections/" + collection, "{\"disable_anonymous_writes\": false}");
        }
    }

    @Test
    void linksNeedAnExpiryAndAFolderTheCreatorMayWrite() throws Exception {
        assertThat(owner.post("/api/upload_links", """
            {"collection_id": "%s", "path": "/incoming"}""".formatted(collection)).status()).isEqualTo(400);
        assertThat(NODE.user("eve").post("/api/upload_links", """
            {"collection_id": "%s", "path": "/incoming", "expires_at": "%s"}
            """.formatted(collection, Instant.now().plusSeconds(600))).status()).isEqualTo(403);
    }

    @Test
    void theBrowserPageIsSelfContained() throws Exception {
        String url = link("").first().path("url").asText();
        String page = curl("-H", "Accept: text/html", url).out();
        assertThat(page).contains("<input id=\"files\" type=\"file\" multiple>").contains("Send me your data")
            .doesNotContain("src=\"http").doesNotContain("href=\"http");
    }
}
