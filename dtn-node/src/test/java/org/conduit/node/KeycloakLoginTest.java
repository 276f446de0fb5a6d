package org.conduit.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real Keycloak (26.7.3, started by {@code deploy/start-keycloak.sh} with {@code deploy/keycloak/research-realm.json})
 * trusted by a real node in {@code conduit.yaml}: users log in with the password grant at Keycloak's token
 * endpoint and reach the API under {@code preferred_username@example.org} (Keycloak's {@code sub} is a UUID);
 * Keycloak tokens meant for anyone but {@code conduit} are refused; after Keycloak rotates its signing key the
 * node fetches the new key set on the first token with an unknown {@code kid}.
 *
 * <p>Keycloak's key set always holds an encryption key next to the signing key, so every verification here also
 * shows that keys are selected by {@code kid} and {@code use}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisabledIfSystemProperty(named = "conduit.test.database", matches = "postgresql",
    disabledReason = "logging in through Keycloak touches no storage OidcLoginTest does not already run on "
        + "PostgreSQL; one Keycloak start per suite is enough")
class KeycloakLoginTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The first run on a machine downloads and builds Keycloak; later starts take 15-50 s. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(12);
    private static final Path SCRIPT = moduleDir().resolve("../deploy/start-keycloak.sh").normalize();
    private static final Path SCRIPT_LOG = moduleDir().resolve("target/keycloak-login-test.log");

    private static final int PORT = freePort();
    private static final String ISSUER = "http://127.0.0.1:" + PORT + "/realms/research";
    private static final String TOKEN_ENDPOINT = ISSUER + "/protocol/openid-connect/token";
    private static final String ADMIN = "http://127.0.0.1:" + PORT + "/admin/realms/research";

    // The node reads no key until the first token arrives, so it can start before Keycloak answers. A 1 s floor
    // between key-set fetches (30 s by default) lets the rotation test see the new key at once.
    private static final TestNode NODE = new TestNode(yaml -> yaml.replace("  issuers: []", """
          jwks_min_refresh_interval: 1s
          issuers:
            - issuer: "%s"
              audience: "conduit"
              username_claim: "preferred_username"
              domain: "example.org"
        """.formatted(ISSUER)));
    private static final DropwizardAppExtension<NodeConfiguration> APP = NODE.app;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Thread stopOnExit = new Thread(KeycloakLoginTest::stopKeycloak, "stop-keycloak");
    private ApiClient api;

    /** Surefire runs in the module folder and also passes it as {@code basedir}. */
    private static Path moduleDir() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void startKeycloak() throws Exception {
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        long started = System.nanoTime();
        Files.createDirectories(SCRIPT_LOG.getParent());
        Path issuerFile = SCRIPT_LOG.resolveSibling("keycloak-login-test.issuer");
        Process script = new ProcessBuilder("bash", SCRIPT.toString(), "start", String.valueOf(PORT))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(issuerFile.toFile())
            .redirectError(SCRIPT_LOG.toFile())
            .start();
        if (!script.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            script.destroyForcibly();
            throw new IllegalStateException("start-keycloak.sh did not finish within " + START_TIMEOUT + ":\n"
                + Files.readString(SCRIPT_LOG));
        }
        String stdout = Files.readString(issuerFile).strip();
        if (script.exitValue() != 0 || !stdout.endsWith(ISSUER)) {
            throw new IllegalStateException("start-keycloak.sh failed (exit " + script.exitValue() + ", stdout '"
                + stdout + "'):\n" + Files.readString(SCRIPT_LOG));
        }
        System.out.printf("Keycloak at %s after %d s%n", ISSUER,
            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        api = NODE.admin();
    }

    @AfterAll
    void stopKeycloakAfterAll() {
        stopKeycloak();
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
    }

    private static void stopKeycloak() {
        try {
            Process stop = new ProcessBuilder("bash", SCRIPT.toString(), "stop", String.valueOf(PORT))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(SCRIPT_LOG.toFile()))
                .start();
            stop.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The answer of Keycloak's token endpoint to a password grant; fails on anything but 200. */
    private JsonNode passwordGrant(String clientId, String username, String password, String scope) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        if (scope != null) {
            form.put("scope", scope);
        }
        String body = form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(TOKEN_ENDPOINT))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("token endpoint: %s", r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private String accessToken(String username) throws Exception {
        return passwordGrant("conduit-cli", username, username + "-password", null).path("access_token").asText();
    }

    private static JsonNode part(String jwt, int index) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
    }

    private JsonNode admin(String method, String path, String body) throws Exception {
        String adminToken = passwordGrant("admin-cli", "realm-admin", "realm-admin-password", null)
            .path("access_token").asText();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(ADMIN + path))
            .header("Authorization", "Bearer " + adminToken)
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isBetween(200, 299);
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    private List<String> publishedKeyIds(String use) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(ISSUER + "/protocol/openid-connect/certs"))
            .build(), HttpResponse.BodyHandlers.ofString());
        List<String> kids = new ArrayList<>();
        JSON.readTree(r.body()).path("keys").forEach(k -> {
            if (use.equals(k.path("use").asText())) {
                kids.add(k.path("kid").asText());
            }
        });
        return kids;
    }

    @Test
    void aliceIsKnownByHerPreferredUsernameInTheEndpointsDomain() throws Exception {
        String token = accessToken("alice");
        JsonNode claims = part(token, 1);
        assertThat(claims.path("iss").asText()).isEqualTo(ISSUER);
        assertThat(claims.path("preferred_username").asText()).isEqualTo("alice");
        assertThat(claims.path("sub").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(publishedKeyIds("enc")).as("Keycloak publishes an encryption key next to the signing key")
            .isNotEmpty();

        ApiClient.Reply me = api.as(token).get("/api/me");
        assertThat(me.status()).as(me.body().toString()).isEqualTo(200);
        assertThat(me.first().path("username").asText()).isEqualTo("alice@example.org");
    }

    @Test
    void bobIsBob() throws Exception {
        ApiClient.Reply me = api.as(accessToken("bob")).get("/api/me");
        assertThat(me.status()).as(me.body().toString()).isEqualTo(200);
        assertThat(me.first().path("username").asText()).isEqualTo("bob@example.org");
    }

    @Test
    void keycloakTokensForAnotherAudienceAreRefused() throws Exception {
        // An access token Keycloak issued to another application, for another service.
        String otherService = passwordGrant("other-app", "alice", "alice-password", null).path("access_token").asText();
        assertThat(part(otherService, 1).path("aud").asText()).isEqualTo("other-service");
        ApiClient.Reply refused = api.as(otherService).get("/api/me");
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(401);
        assertThat(refused.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
            v -> assertThat(v).startsWith("Bearer"));
        assertThat(refused.body().path("message").asText()).contains("audience");

        // Alice's ID token from the very client whose access tokens are accepted: its audience is the client.
        JsonNode tokens = passwordGrant("conduit-cli", "alice", "alice-password", "openid");
        String idToken = tokens.path("id_token").asText();
        assertThat(part(idToken, 1).path("aud").asText()).isEqualTo("conduit-cli");
        ApiClient.Reply idRefused = api.as(idToken).get("/api/me");
        assertThat(idRefused.status()).as(idRefused.body().toString()).isEqualTo(401);
        assertThat(api.as(tokens.path("access_token").asText()).get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void afterKeycloakRotatesItsSigningKeyNewTokensStillAuthenticate() throws Exception {
        String before = accessToken("alice");
        String oldKid = part(before, 0).path("kid").asText();
        assertThat(api.as(before).get("/api/me").status()).as("the node now holds the current keys").isEqualTo(200);

        // A new RS256 key that outranks the old one, then the old one removed, as an administrator rotates.
        String realmId = admin("GET", "", null).path("id").asText();
        JsonNode oldProviders = admin("GET", "/components?type=org.keycloak.keys.KeyProvider", null);
        admin("POST", "/components", """
            {"name": "rsa-rotated", "providerId": "rsa-generated", "providerType": "org.keycloak.keys.KeyProvider",
             "parentId": "%s", "config": {"priority": ["200"], "enabled": ["true"], "active": ["true"],
             "keySize": ["2048"], "algorithm": ["RS256"]}}
            """.formatted(realmId));
        int removed = 0;
        for (JsonNode provider : oldProviders) {
            if (provider.path("providerId").asText().equals("rsa-generated")) {
                admin("DELETE", "/components/" + provider.path("id").asText(), null);
                removed++;
            }
        }
        assertThat(removed).isEqualTo(1);
        assertThat(publishedKeyIds("sig")).hasSize(1).doesNotContain(oldKid);

        String after = accessToken("alice");
        String newKid = part(after, 0).path("kid").asText();
        assertThat(newKid).isNotEqualTo(oldKid).isEqualTo(publishedKeyIds("sig").get(0));
        Thread.sleep(1_100); // past jwks_min_refresh_interval since the node's last fetch of the keys

        ApiClient.Reply me = api.as(after).get("/api/me");
        assertThat(me.status()).as(me.body().toString()).isEqualTo(200);
        assertThat(me.first().path("username").asText()).isEqualTo("alice@example.org");
        // The old key is gone from the issuer, and so from the node: a token it signed no longer verifies.
        ApiClient.Reply old = api.as(before).get("/api/me");
        assertThat(old.status()).as(old.body().toString()).isEqualTo(401);
    }
}
