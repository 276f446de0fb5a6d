package org.conduit.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The node as a sysadmin starts it (a fresh home, self-signed TLS, embedded H2), driven over HTTPS with the
 * GCS Manager API shapes.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeApiTest {
    private static final TestNode NODE = new TestNode();
    private static final DropwizardAppExtension<NodeConfiguration> APP = NODE.app;
    private static final Path HOME = NODE.home;

    private ApiClient admin;
    private ApiClient anonymous;
    private JsonNode endpointJson;

    @BeforeAll
    void connect() throws Exception {
        endpointJson = NODE.endpointJson();
        admin = NODE.admin();
        anonymous = admin.as(null);
    }

    private ApiClient user(String name) throws Exception {
        return NODE.user(name);
    }

    private static String posixGateway(String name) {
        return """
            {"DATA_TYPE": "storage_gateway#1.3.0", "display_name": "%s", "connector_id": "posix",
             "allowed_domains": ["localhost"],
             "policies": {"DATA_TYPE": "posix_storage_policies#1.0.0", "groups_allow": [], "groups_deny": []}}
            """.formatted(name);
    }

    @Test
    void endpointJsonTellsScriptsWhereTheNodeAnswers() {
        assertThat(endpointJson.fieldNames()).toIterable().contains("manager_url", "transfer_url", "https_url",
            "gridftp_url", "ca_cert", "admin_token_file", "default_collection_id", "default_collection_url");
        assertThat(endpointJson.get("manager_url").asText()).startsWith("https://localhost:");
        assertThat(Path.of(endpointJson.get("ca_cert").asText())).exists();
    }

    @Test
    void infoAnswersWithoutATokenInAResultEnvelope() throws Exception {
        ApiClient.Reply r = anonymous.get("/api/info");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("DATA_TYPE").asText()).isEqualTo("result#1.1.0");
        assertThat(r.first().path("DATA_TYPE").asText()).isEqualTo("info#1.0.0");
        assertThat(r.first().path("endpoint_id").asText()).isEqualTo(endpointJson.get("endpoint_id").asText());
    }

    @Test
    void requestWithoutTokenGets401WithBearerChallenge() throws Exception {
        ApiClient.Reply r = anonymous.get("/api/endpoint");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.raw().headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(r.body().path("code").asText()).isEqualTo("AuthenticationFailed");
    }

    @Test
    void forgedTokenIsRefusedAndNotEchoed() throws Exception {
        String real = Files.readString(HOME.resolve("admin.token")).strip();
        String forged = real.substring(0, real.lastIndexOf('.') + 1) + "AAAA" + real.substring(real.lastIndexOf('.') + 5);
        ApiClient.Reply r = admin.as(forged).get("/api/endpoint");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.raw().body()).doesNotContain(forged);
    }

    @Test
    void endpointPatchChangesOnlyTheGivenFields() throws Exception {
        ApiClient.Reply before = admin.get("/api/endpoint");
        assertThat(before.first().path("DATA_TYPE").asText()).isEqualTo("endpoint#1.2.0");
        ApiClient.Reply r = admin.send("PATCH", "/api/endpoint",
            "{\"DATA_TYPE\": \"endpoint#1.0.0\", \"organization\": \"Example University\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.first().path("organization").asText()).isEqualTo("Example University");
        assertThat(r.first().path("display_name")).isEqualTo(before.first().path("display_name"));
    }

    @Test
    void nonAdministratorCannotChangeTheEndpoint() throws Exception {
        ApiClient.Reply r = user("mallory").send("PATCH", "/api/endpoint", "{\"display_name\": \"pwned\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body().path("code").asText()).isEqualTo("MissingRequiredRole");
        assertThat(admin.get("/api/endpoint").first().path("display_name").asText()).isNotEqualTo("pwned");
    }

    @Test
    void storageGatewayLifecycle() throws Exception {
        ApiClient.Reply created = admin.post("/api/storage_gateways", posixGateway("lifecycle"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.first().path("id").asText();
        assertThat(created.first().path("connector_id").asText()).isEqualTo("145812c8-decc-41f1-83cf-bb2a85a2a70b");
        assertThat(admin.get("/api/storage_gateways/" + id).first().path("display_name").asText()).isEqualTo("lifecycle");
        assertThat(admin.get("/api/storage_gateways").body().path("data")).extracting(n -> n.path("id").asText())
            .contains(id);
        ApiClient.Reply patched = admin.send("PATCH", "/api/storage_gateways/" + id, "{\"users_deny\": [\"bob\"]}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(admin.get("/api/storage_gateways/" + id + "?include=private_policies").first().path("users_deny")
            .path(0).asText()).isEqualTo("bob");
        assertThat(admin.send("DELETE", "/api/storage_gateways/" + id, null).status()).isEqualTo(200);
        ApiClient.Reply gone = admin.get("/api/storage_gateways/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body().path("code").asText()).isEqualTo("StorageGatewayNotFound");
    }

    @Test
    void unknownFieldsWrongDataTypeAndMissingFieldsAreInvalidInputAndCreateNothing() throws Exception {
        int before = admin.get("/api/storage_gateways").body().path("data").size();
        ApiClient.Reply unknown = admin.post("/api/storage_gateways", posixGateway("x").replace("\"display_name\"",
            "\"colour\": \"red\", \"display_name\""));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("code").asText()).isEqualTo("InvalidInput");
        assertThat(unknown.body().path("detail").path("errors").path(0).path("property").asText()).isEqualTo("colour");
        ApiClient.Reply wrongType = admin.post("/api/storage_gateways",
            posixGateway("x").replace("storage_gateway#1.3.0", "collection#1.16.0"));
        assertThat(wrongType.status()).isEqualTo(400);
        ApiClient.Reply missing = admin.post("/api/storage_gateways", "{\"display_name\": \"no connector\"}");
        assertThat(missing.status()).isEqualTo(400);
        ApiClient.Reply badPolicy = admin.post("/api/storage_gateways", posixGateway("x").replace("groups_deny",
            "no_such_option"));
        assertThat(badPolicy.status()).isEqualTo(400);
        assertThat(badPolicy.body().path("message").asText()).contains("no_such_option");
        assertThat(admin.get("/api/storage_gateways").body().path("data").size()).isEqualTo(before);
    }

    @Test
    void malformedJsonIsInvalidInput() throws Exception {
        ApiClient.Reply r = admin.post("/api/storage_gateways", "{\"display_name\": ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("code").asText()).isEqualTo("InvalidInput");
    }

    @Test
    void oversizedBodyIsRefusedWith413() throws Exception {
        // curl, as clients do for big bodies, sends Expect: 100-continue: the node refuses before the body moves.
        Path body = Files.createTempFile("huge-", ".json");
        Files.writeString(body, "{\"display_name\": \"" + "x".repeat(2 << 20) + "\"}");
        Process curl = new ProcessBuilder("curl", "-sS", "--cacert", HOME.resolve("tls/ca.pem").toString(),
            "-H", "Authorization: Bearer " + Files.readString(HOME.resolve("admin.token")).strip(),
            "-H", "Content-Type: application/json", "--data-binary", "@" + body, "-o", "/dev/null",
            "-w", "%{http_code}", endpointJson.get("manager_url").asText() + "/api/storage_gateways").start();
        String status = new String(curl.getInputStream().readAllBytes()).strip();
        assertThat(curl.waitFor()).isZero();
        assertThat(status).isEqualTo("413");
    }

    @Test
    void defaultCollectionIsAMappedPosixCollection() throws Exception {
        ApiClient.Reply r = admin.get("/api/collections/" + endpointJson.get("default_collection_id").asText());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.first().path("collection_type").asText()).isEqualTo("mapped");
        assertThat(r.first().path("collection_base_path").asText()).isEqualTo(HOME.resolve("data").toString());
        assertThat(admin.get("/api/collections?filter=mapped_collections").body().path("data").size()).isPositive();
    }

    @Test
    void administratorRoleLetsAnotherIdentityManageTheEndpoint() throws Exception {
        ApiClient carol = user("carol");
        assertThat(carol.send("PATCH", "/api/endpoint", "{\"description\": \"by carol\"}").status()).isEqualTo(403);
        ApiClient.Reply granted = admin.post("/api/roles",
            "{\"DATA_TYPE\": \"role#1.0.0\", \"principal\": \"carol@localhost\", \"role\": \"administrator\"}");
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.first().path("principal").asText()).startsWith("urn:globus:auth:identity:");
        assertThat(carol.send("PATCH", "/api/endpoint", "{\"description\": \"by carol\"}").status()).isEqualTo(200);
        assertThat(admin.get("/api/roles").body().path("data")).extracting(r -> r.path("id").asText())
            .contains(granted.first().path("id").asText());
        assertThat(admin.send("DELETE", "/api/roles/" + granted.first().path("id").asText(), null).status())
            .isEqualTo(200);
        assertThat(carol.send("PATCH", "/api/endpoint", "{\"description\": \"again\"}").status()).isEqualTo(403);
    }

    @Test
    void nobodyGrantsOwnerThroughRolesAndUsersCannotGrantThemselvesRoles() throws Exception {
        ApiClient.Reply owner = admin.post("/api/roles", "{\"principal\": \"dave@localhost\", \"role\": \"owner\"}");
        assertThat(owner.status()).isEqualTo(403);
        ApiClient.Reply self = user("mallory").post("/api/roles",
            "{\"principal\": \"mallory@localhost\", \"role\": \"administrator\"}");
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.body().path("code").asText()).isEqualTo("MissingRequiredRole");
    }

    @Test
    void administratorIssuesTokensForLocalUsersAndMeShowsWhoTheyAre() throws Exception {
        ApiClient.Reply issued = admin.post("/api/tokens", "{\"username\": \"erin\", \"lifetime_seconds\": 600}");
        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.first().path("username").asText()).isEqualTo("erin@localhost");
        ApiClient.Reply me = admin.as(issued.first().path("token").asText()).get("/api/me");
        assertThat(me.first().path("username").asText()).isEqualTo("erin@localhost");
        assertThat(me.first().path("endpoint_administrator").asBoolean()).isFalse();
        assertThat(user("erin").post("/api/tokens", "{\"username\": \"root\"}").status()).isEqualTo(403);
    }

    @Test
    void aRevokedTokenStopsWorkingAndOnlyItsHolderOrAnAdministratorCanRevokeIt() throws Exception {
        String token = admin.post("/api/tokens", "{\"username\": \"frank\"}").first().path("token").asText();
        ApiClient frank = admin.as(token);
        assertThat(frank.get("/api/me").status()).isEqualTo(200);
        assertThat(user("mallory").post("/api/tokens/revoke", "{\"token\": \"" + token + "\"}").status())
            .isEqualTo(403);
        assertThat(frank.get("/api/me").status()).isEqualTo(200);
        assertThat(admin.post("/api/tokens/revoke", "{\"token\": \"" + token + "\"}").status()).isEqualTo(200);
        assertThat(frank.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void adminPortServesHealthChecksAndPrometheusMetrics() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String admin = "http://127.0.0.1:" + APP.getAdminPort();
        var health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(admin + "/healthcheck")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"database\"").contains("\"healthy\":true");
        var metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(admin + "/metrics/prometheus"))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE").contains("io_dropwizard_jetty_MutableServletContextHandler_requests");
    }

    @Test
    void theRunningNodeListsItselfAndOnlyAdministratorsSeeNodes() throws Exception {
        ApiClient.Reply nodes = admin.get("/api/nodes");
        assertThat(nodes.status()).isEqualTo(200);
        String nodeId = Files.readString(HOME.resolve("node.id")).strip();
        assertThat(nodes.body().path("data")).anySatisfy(n -> {
            assertThat(n.path("id").asText()).isEqualTo(nodeId);
            assertThat(n.path("status").asText()).isEqualTo("active");
            assertThat(n.path("ip_addresses").size()).isPositive();
        });
        assertThat(user("mallory").get("/api/nodes").status()).isEqualTo(403);
    }

    @Test
    void unknownPathsWrongMethodsAndMissingIdsAnswerErrorDocuments() throws Exception {
        ApiClient.Reply path = admin.get("/api/no_such_thing");
        assertThat(path.status()).isEqualTo(404);
        assertThat(path.body().path("DATA_TYPE").asText()).isEqualTo("result#1.1.0");
        ApiClient.Reply method = admin.send("DELETE", "/api/info", null);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.body().path("code").asText()).isEqualTo("MethodNotAllowed");
        assertThat(admin.get("/api/roles/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(admin.get("/api/nodes/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(admin.get("/v0.10/endpoint/" + java.util.UUID.randomUUID() + "/access_list").body().path("code")
            .asText()).isEqualTo("ClientError.NotFound");
    }

    @Test
    void unknownCollectionIs404CollectionNotFound() throws Exception {
        ApiClient.Reply r = admin.get("/api/collections/00000000-0000-0000-0000-000000000000");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body().path("code").asText()).isEqualTo("CollectionNotFound");
    }
}
