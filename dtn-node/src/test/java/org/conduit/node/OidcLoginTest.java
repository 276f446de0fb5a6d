package org.conduit.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.conduit.storage.tck.LocalUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real OIDC issuer on loopback (mock-oauth2-server) trusted in {@code conduit.yaml}: its users reach the
 * API, are mapped by an expression mapping to a local account, and read a collection as that account;
 * tokens for another audience or from an untrusted issuer are refused.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcLoginTest {
    private static final MockOAuth2Server ISSUER = startIssuer();
    private static final TestNode NODE = new TestNode(yaml -> yaml.replace("  issuers: []", """
          issuers:
            - issuer: "%s"
              audience: "conduit"
              username_claim: "sub"
              domain: "example.org"
        """.formatted(ISSUER.issuerUrl("research"))));
    private static final DropwizardAppExtension<NodeConfiguration> APP = NODE.app;

    private static MockOAuth2Server startIssuer() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start(InetAddress.getLoopbackAddress(), 0);
        return server;
    }

    @AfterAll
    void stopIssuer() {
        ISSUER.shutdown();
    }

    private String token(MockOAuth2Server server, String subject, String audience) {
        return server.issueToken("research", "client", new DefaultOAuth2TokenCallback("research", subject, "JWT",
            List.of(audience), Map.of(), 600)).serialize();
    }

    private String localUser;
    private ApiClient admin;

    @BeforeAll
    void localAccount() throws Exception {
        localUser = LocalUsers.isRoot() ? LocalUsers.ensure("conduit-oidc").username()
            : LocalUsers.currentUser().username();
        admin = NODE.admin();
    }

    @Test
    void issuerUsersAreMappedByExpressionAndReadTheirCollection() throws Exception {
        ApiClient alice = admin.as(token(ISSUER, "alice@example.org", "conduit"));
        assertThat(alice.get("/api/me").first().path("username").asText()).isEqualTo("alice@example.org");

        ApiClient.Reply gateway = admin.post("/api/storage_gateways", """
            {"display_name": "Example.org users", "connector_id": "posix", "allowed_domains": ["example.org"],
             "identity_mappings": [{"DATA_TYPE": "expression_identity_mapping#1.0.0", "mappings": [
               {"source": "{username}", "match": "alice@example\\\\.org", "output": "%s"}]}]}
            """.formatted(localUser));
        assertThat(gateway.status()).as(gateway.body().toString()).isEqualTo(201);
        Path folder = Files.createDirectories(NODE.home.resolve("oidc-data"));
        Files.writeString(folder.resolve("hello.txt"), "hi");
        ApiClient.Reply collection = admin.post("/api/collections", """
            {"collection_type": "mapped", "display_name": "OIDC data", "storage_gateway_id": "%s",
             "collection_base_path": "%s"}
            """.formatted(gateway.first().path("id").asText(), folder));
        assertThat(collection.status()).as(collection.body().toString()).isEqualTo(201);

        ApiClient.Reply listing = alice.get("/v0.10/operation/endpoint/" + collection.first().path("id").asText()
            + "/ls?path=/");
        assertThat(listing.status()).as(listing.body().toString()).isEqualTo(200);
        assertThat(listing.body().path("DATA").path(0).path("name").asText()).isEqualTo("hello.txt");

        ApiClient bob = admin.as(token(ISSUER, "bob@example.org", "conduit"));
        ApiClient.Reply unmapped = bob.get("/v0.10/operation/endpoint/" + collection.first().path("id").asText()
            + "/ls?path=/");
        assertThat(unmapped.status()).isEqualTo(403);
    }

    @Test
    void loginOlderThanTheGatewayAuthenticationTimeoutMustBeRenewed() throws Exception {
        ApiClient.Reply gateway = admin.post("/api/storage_gateways", """
            {"display_name": "Strict", "connector_id": "posix", "allowed_domains": ["example.org"],
             "authentication_timeout_mins": 5,
             "identity_mappings": [{"DATA_TYPE": "expression_identity_mapping#1.0.0", "mappings": [
               {"source": "{username}", "match": "alice@example\\\\.org", "output": "%s"}]}]}
            """.formatted(localUser));
        assertThat(gateway.status()).as(gateway.body().toString()).isEqualTo(201);
        Path folder = Files.createDirectories(NODE.home.resolve("strict-data"));
        String collection = admin.post("/api/collections", """
            {"collection_type": "mapped", "display_name": "Strict data", "storage_gateway_id": "%s",
             "collection_base_path": "%s"}
            """.formatted(gateway.first().path("id").asText(), folder)).first().path("id").asText();
        long anHourAgo = java.time.Instant.now().minusSeconds(3600).getEpochSecond();
        String stale = ISSUER.issueToken("research", "client", new DefaultOAuth2TokenCallback("research",
            "alice@example.org", "JWT", List.of("conduit"), Map.of("auth_time", anHourAgo), 600)).serialize();
        ApiClient.Reply refused = admin.as(stale).get("/v0.10/operation/endpoint/" + collection + "/ls?path=/");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().path("message").asText()).contains("AuthenticationTimeout");
        ApiClient.Reply fresh = admin.as(token(ISSUER, "alice@example.org", "conduit"))
            .get("/v0.10/operation/endpoint/" + collection + "/ls?path=/");
        assertThat(fresh.status()).isEqualTo(200);
    }

    @Test
    void anIssuerCannotNameUsersOfTheLocalDomainOrOfAnotherDomain() throws Exception {
        ApiClient.Reply impostor = admin.as(token(ISSUER, "admin@localhost", "conduit")).get("/api/endpoint");
        assertThat(impostor.status()).isEqualTo(401);
        ApiClient.Reply foreign = admin.as(token(ISSUER, "mallory@elsewhere.org", "conduit")).get("/api/me");
        assertThat(foreign.status()).isEqualTo(401);
        assertThat(admin.post("/api/tokens", "{\"username\": \"alice@example.org\"}").status()).isEqualTo(400);
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        String expired = ISSUER.issueToken("research", "client", new DefaultOAuth2TokenCallback("research",
            "alice@example.org", "JWT", List.of("conduit"), Map.of(), -600)).serialize();
        ApiClient.Reply r = admin.as(expired).get("/api/me");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body().path("message").asText()).containsIgnoringCase("expired");
    }

    @Test
    void tokenForAnotherAudienceIsRefused() throws Exception {
        ApiClient.Reply r = admin.as(token(ISSUER, "alice@example.org", "someone-else")).get("/api/me");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.raw().headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void tokenFromAnUntrustedIssuerIsRefused() throws Exception {
        MockOAuth2Server stranger = startIssuer();
        try {
            ApiClient.Reply r = admin.as(token(stranger, "alice@example.org", "conduit")).get("/api/me");
            assertThat(r.status()).isEqualTo(401);
        } finally {
            stranger.shutdown();
        }
    }
}
