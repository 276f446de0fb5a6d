package org.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.conduit.node.tls.EndpointTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a scripted HTTPS endpoint: paging, error reports, TLS trust and exit codes. */
class ManagerClientTest {
    private static final String TOKEN = "header.payload.signature";

    @TempDir
    static Path dir;

    /** One server for the class: making its TLS keys is the slow part. */
    private static StandInEndpoint endpoint;

    @BeforeAll
    static void start() throws Exception {
        endpoint = new StandInEndpoint(dir.resolve("tls"));
    }

    @BeforeEach
    void forgetEarlierTests() {
        endpoint.reset();
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    private CliRun cli(String... verb) {
        String[] args = new String[verb.length + 6];
        System.arraycopy(new String[] {"--manager-url", endpoint.url(), "--ca-cert", endpoint.caCert().toString(),
            "--token", TOKEN}, 0, args, 0, 6);
        System.arraycopy(verb, 0, args, 6, verb.length);
        return CliRun.run(Map.of(), dir, args);
    }

    private static StandInEndpoint.Reply page(String ids, String marker) {
        StringBuilder data = new StringBuilder();
        for (String id : ids.split(",")) {
            data.append(data.length() == 0 ? "" : ",").append("{\"id\": \"").append(id)
                .append("\", \"display_name\": \"gateway ").append(id).append("\"}");
        }
        return new StandInEndpoint.Reply(200, "{\"DATA_TYPE\": \"result#1.1.0\", \"code\": \"success\","
            + " \"has_next_page\": " + (marker != null) + (marker != null ? ", \"marker\": \"" + marker + "\"" : "")
            + ", \"data\": [" + data + "]}");
    }

    @Test
    void listingsFollowTheMarkerUntilTheLastPage() {
        endpoint.on("GET", "/api/storage_gateways", r -> {
            if (r.pathAndQuery().contains("marker=m%2F2")) {
                return page("g5", null);
            }
            return r.pathAndQuery().contains("marker=m1") ? page("g3,g4", "m/2") : page("g1,g2", "m1");
        });
        CliRun r = cli("storage-gateway", "list", "--field", "id");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).containsExactly("g1", "g2", "g3", "g4", "g5");
        assertThat(endpoint.requests()).extracting(StandInEndpoint.Request::pathAndQuery).containsExactly(
            "/api/storage_gateways", "/api/storage_gateways?marker=m1", "/api/storage_gateways?marker=m%2F2");
    }

    @Test
    void aMarkerAnsweredTwiceStopsTheListingInsteadOfLoopingForever() {
        endpoint.on("GET", "/api/collections", r -> page("c1", "same"));
        CliRun r = cli("collection", "list");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("same page marker twice");
        assertThat(endpoint.requests()).hasSize(2);
    }

    @Test
    void anApiPathTheNodeLacksIsReportedAsAnOlderNode() {
        CliRun r = cli("whoami");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("NotFound: HTTP 404 Not Found")
            .contains("this node does not offer GET /api/me").contains("older Conduit");
    }

    @Test
    void whoamiPrintsTheIdentityDocument() {
        endpoint.on("GET", "/api/me", r -> new StandInEndpoint.Reply(200, """
            {"DATA_TYPE": "result#1.1.0", "code": "success", "has_next_page": false, "data": [
             {"DATA_TYPE": "identity#1.0.0", "id": "7d7d461b-bf9e-5451-bfe6-3b09089c6eab",
              "username": "alice@localhost", "roles": ["administrator"]}]}"""));
        CliRun r = cli("whoami");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Username: alice@localhost").contains("Roles:    administrator");
        assertThat(endpoint.requests().get(0).authorization()).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void tokenIssuePostsTheRequestAndPrintsOnlyTheNewTokenOnStdout() throws Exception {
        endpoint.on("POST", "/api/tokens", r -> new StandInEndpoint.Reply(201, """
            {"DATA_TYPE": "result#1.1.0", "code": "success", "has_next_page": false, "data": [
             {"DATA_TYPE": "local_token#1.0.0", "token": "new.alice.token", "username": "alice@localhost",
              "expires_at": "2030-01-01T00:00:00Z"}]}"""));
        CliRun r = cli("token", "issue", "alice", "--lifetime", "2h");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("new.alice.token\n");
        assertThat(r.err()).contains("alice@localhost").contains("2030-01-01T00:00:00Z");
        assertThat(Json.MAPPER.readTree(endpoint.requests().get(0).body())).isEqualTo(Json.MAPPER.readTree("""
            {"DATA_TYPE": "local_token_request#1.0.0", "username": "alice", "lifetime_seconds": 7200}"""));
    }

    @Test
    void roleVerbsUseTheGcsRolesPaths() {
        endpoint.on("DELETE", "/api/roles/r-1", r -> new StandInEndpoint.Reply(200,
            "{\"DATA_TYPE\": \"result#1.1.0\", \"code\": \"success\", \"data\": []}"));
        assertThat(cli("role", "delete", "r-1").out()).isEqualTo("Deleted role r-1\n");
        CliRun missing = cli("role", "delete", "r-2");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("check the id").contains("DELETE /api/roles/r-2");
    }

    @Test
    void invalidInputListsEachProblemTheMessageDoesNotAlreadySay() {
        endpoint.on("POST", "/api/collections", r -> new StandInEndpoint.Reply(400, """
            {"DATA_TYPE": "result#1.1.0", "code": "InvalidInput", "http_response_code": 400,
             "message": "Invalid input: 2 problems", "data": [],
             "detail": {"DATA_TYPE": "invalid_input#1.0.0", "errors": [
               {"property": "collection_base_path", "message": "must be absolute"},
               {"message": "the body is too deep"}]}}"""));
        CliRun r = cli("collection", "create", "--type", "mapped", "--storage-gateway", "g", "--base-path", "x",
            "--display-name", "d");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("conduit: InvalidInput: Invalid input: 2 problems")
            .contains("  - collection_base_path: must be absolute").contains("  - the body is too deep")
            .contains("(HTTP 400 answering POST /api/collections)");
    }

    @Test
    void aNonGcsErrorPageIsReportedWithItsStatusAndAnExcerpt() {
        endpoint.on("GET", "/api/endpoint", r -> new StandInEndpoint.Reply(502,
            "<html><body>Bad Gateway</body></html>"));
        CliRun r = cli("endpoint", "show");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("HTTP 502").contains("Bad Gateway").contains("--manager-url");
    }

    @Test
    void aRefusedTokenGetsAHintNamingWhereItCameFromButNeverTheToken() {
        endpoint.on("GET", "/api/endpoint", r -> new StandInEndpoint.Reply(401, """
            {"DATA_TYPE": "result#1.1.0", "code": "AuthenticationFailed", "http_response_code": 401,
             "message": "the token has expired", "data": []}"""));
        CliRun r = cli("endpoint", "show");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("AuthenticationFailed: the token has expired").contains("from --token");
        assertThat(r.all()).doesNotContain(TOKEN);
    }

    @Test
    void aServerCertificateFromAnotherCaIsExitCode3WithACaHint() {
        Path otherCa = EndpointTls.ensure(dir.resolve("other-tls"), List.of("localhost")).caCertificate();
        CliRun r = CliRun.run(Map.of(), dir, "--manager-url", endpoint.url(), "--ca-cert", otherCa.toString(),
            "--token", TOKEN, "endpoint", "show");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("TLS with " + endpoint.url()).contains("--ca-cert");
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    void withoutACaTheSystemCasAreUsedAndASelfSignedNodeIsNotTrusted() {
        CliRun r = CliRun.run(Map.of(), dir, "--manager-url", endpoint.url(), "endpoint", "show");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("pass --ca-cert");
    }

    @Test
    void aClosedPortIsExitCode3() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun r = CliRun.run(Map.of(), dir, "--manager-url", "https://localhost:" + port, "endpoint", "show");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("cannot connect").contains("./conduit serve");
    }

    private static StandInEndpoint.Reply files(String names, boolean more) {
        StringBuilder data = new StringBuilder();
        for (String name : names.split(",")) {
            data.append(data.length() == 0 ? "" : ",").append("""
                {"DATA_TYPE": "file", "name": "%s", "type": "file", "size": 8,
                 "last_modified": "2026-01-02 03:04:05+00:00", "permissions": "0644", "user": "alice",
                 "group": "alice", "link_target": null}""".formatted(name));
        }
        return new StandInEndpoint.Reply(200, "{\"DATA_TYPE\": \"file_list\", \"path\": \"/\", \"has_next_page\": "
            + more + ", \"DATA\": [" + data + "]}");
    }

    @Test
    void lsEncodesThePathAndFollowsPagesByOffset() {
        endpoint.on("GET", "/v0.10/operation/endpoint/c-1/ls", r -> r.pathAndQuery().contains("offset=2")
            ? files("c.txt", false) : files("a.txt,b.txt", true));
        CliRun r = cli("ls", "c-1:/my data/\u00e9t\u00e9&x=1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(endpoint.requests()).extracting(StandInEndpoint.Request::pathAndQuery).containsExactly(
            "/v0.10/operation/endpoint/c-1/ls?path=%2Fmy%20data%2F%C3%A9t%C3%A9%26x%3D1&show_hidden=0",
            "/v0.10/operation/endpoint/c-1/ls?path=%2Fmy%20data%2F%C3%A9t%C3%A9%26x%3D1&show_hidden=0&offset=2"
                + "&limit=100000");
        assertThat(r.out().lines()).containsExactly(
            "Type | Permissions | User  | Size | Last Modified             | Name",
            "---- | ----------- | ----- | ---- | ------------------------- | -----",
            "file | 0644        | alice | 8    | 2026-01-02 03:04:05+00:00 | a.txt",
            "file | 0644        | alice | 8    | 2026-01-02 03:04:05+00:00 | b.txt",
            "file | 0644        | alice | 8    | 2026-01-02 03:04:05+00:00 | c.txt");
    }

    @Test
    void lsStopsAtTheLimitEvenWhenTheNodeHasMore() {
        endpoint.on("GET", "/v0.10/operation/endpoint/c-1/ls", r -> files("a.txt,b.txt", true));
        CliRun r = cli("ls", "c-1", "--limit", "2", "--field", "name");
        assertThat(r.out().lines()).containsExactly("a.txt", "b.txt");
        assertThat(endpoint.requests()).hasSize(1);
    }

    @Test
    void transferErrorsAreReportedWithCodeMessageAndRequestId() {
        endpoint.on("GET", "/v0.10/operation/endpoint/c-1/ls", r -> new StandInEndpoint.Reply(403, """
            {"code": "PermissionDenied", "message": "eve@localhost may not list / (PermissionDenied)",
             "request_id": "a1b2c3d4e5f6", "resource": "/operation/endpoint/c-1/ls"}"""));
        CliRun r = cli("ls", "c-1:/");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("conduit: PermissionDenied: eve@localhost may not list /\n")
            .doesNotContain("(PermissionDenied)")
            .contains("(HTTP 403 answering GET /v0.10/operation/endpoint/c-1/ls; request_id a1b2c3d4e5f6)")
            .contains("conduit acl create");
    }

    @Test
    void aTransferPathTheNodeLacksIsReportedAsAnOlderNode() {
        endpoint.on("GET", "/v0.10/endpoint/c-1/access_list", r -> new StandInEndpoint.Reply(404, """
            {"code": "ClientError.NotFound", "message": "HTTP 404 Not Found (NotFound)", "request_id": "r1",
             "resource": "/endpoint/c-1/access_list"}"""));
        CliRun r = cli("acl", "list", "c-1");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("ClientError.NotFound").contains("older Conduit");
    }

    @Test
    void aMissingRuleGetsAHintToListTheRules() {
        endpoint.on("GET", "/v0.10/endpoint/c-1/access/r-9", r -> new StandInEndpoint.Reply(404, """
            {"code": "ClientError.NotFound", "message": "access rule r-9 does not exist (NotFound)",
             "request_id": "r1", "resource": "/endpoint/c-1/access/r-9"}"""));
        CliRun r = cli("acl", "show", "c-1", "r-9");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("ClientError.NotFound: access rule r-9 does not exist")
            .contains("conduit acl list COLLECTION_ID");
    }

    @Test
    void aclCreatePrintsTheNewRuleAndItsIdForScripts() throws Exception {
        endpoint.on("POST", "/v0.10/endpoint/c-1/access", r -> new StandInEndpoint.Reply(201, """
            {"DATA_TYPE": "access_create_result", "code": "Created", "message": "Access rule created successfully.",
             "resource": "/endpoint/c-1/access", "request_id": "r2", "access_id": "rule-7"}"""));
        CliRun r = cli("acl", "create", "c-1", "--principal-type", "identity", "--principal", "bob@localhost",
            "--path", "/shared/", "--permissions", "r");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Created access rule rule-7: r for identity bob@localhost on /shared/\n");
        assertThat(Json.MAPPER.readTree(endpoint.requests().get(0).body()).path("principal").asText())
            .isEqualTo("bob@localhost");
        assertThat(cli("acl", "create", "c-1", "--principal-type", "anonymous", "--path", "/", "--permissions",
            "r", "--field", "access_id").out()).isEqualTo("rule-7\n");
    }
}
