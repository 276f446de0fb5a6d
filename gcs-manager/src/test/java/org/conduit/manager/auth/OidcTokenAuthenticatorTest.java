package org.conduit.manager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponseKt;
import no.nav.security.mock.oauth2.http.OAuth2HttpRouterKt;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import okhttp3.Headers;
import org.conduit.identity.Identity;
import org.conduit.manager.auth.AuthenticationException.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bearer JWTs from a real OIDC issuer (mock-oauth2-server on loopback, one per class). Issuer ids on it:
 * {@code default} (username in {@code sub}), {@code keycloak} (UUID {@code sub}, username in
 * {@code preferred_username}, groups), {@code rotating} (keys served by a test route whose key list the
 * tests change) and {@code enc-only} (its key published only for encryption).
 */
class OidcTokenAuthenticatorTest {

    private static final String AUDIENCE = "conduit-endpoint";

    private static MockOAuth2Server server;
    /** Issuer ids whose signing keys {@code /rotating-keys} publishes. */
    private static volatile List<String> published = List.of();
    private static volatile boolean rotatingKeysDown;
    private static final AtomicInteger rotatingKeyFetches = new AtomicInteger();

    @TempDir
    Path keyDirectory;

    private MutableClock clock;
    private InMemoryRevokedTokens revoked;
    private TokenAuthenticator authenticator;

    @BeforeAll
    static void startIssuer() {
        server = new MockOAuth2Server(new OAuth2Config(),
                OAuth2HttpRouterKt.route("/rotating-keys", request -> rotatingKeys()),
                OAuth2HttpRouterKt.route("/enc-only-keys", request -> encryptionOnlyKeys()));
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterAll
    static void stopIssuer() {
        server.shutdown();
    }

    private static OAuth2HttpResponse rotatingKeys() {
        if (rotatingKeysDown) {
            return new OAuth2HttpResponse(Headers.of(), 503, "down for maintenance", null);
        }
        rotatingKeyFetches.incrementAndGet();
        List<JWK> keys = new ArrayList<>();
        published.forEach(id -> keys.addAll(publicKeys(id).getKeys()));
        return OAuth2HttpResponseKt.json(new JWKSet(keys).toJSONObject());
    }

    private static OAuth2HttpResponse encryptionOnlyKeys() {
        RSAKey key = publicKeys("enc-only").getKeys().get(0).toRSAKey();
        return OAuth2HttpResponseKt.json(new JWKSet(new RSAKey.Builder(key).keyUse(KeyUse.ENCRYPTION).build())
                .toJSONObject());
    }

    private static JWKSet publicKeys(String issuerId) {
        return server.getConfig().getTokenProvider().publicJwkSet(issuerId);
    }

    private static String issuer(String issuerId) {
        return server.issuerUrl(issuerId).toString();
    }

    @BeforeEach
    void newAuthenticator() throws Exception {
        published = List.of("rotating");
        rotatingKeysDown = false;
        rotatingKeyFetches.set(0);
        clock = new MutableClock();
        revoked = new InMemoryRevokedTokens(clock);
        authenticator = authenticator(List.of(
                TrustedIssuerConfig.of(issuer("default"), AUDIENCE),
                new TrustedIssuerConfig(issuer("keycloak"), AUDIENCE, "preferred_username", "example.org", "groups",
                        null),
                new TrustedIssuerConfig(issuer("rotating"), AUDIENCE, null, null, null,
                        URI.create(server.url("/rotating-keys").toString())),
                new TrustedIssuerConfig(issuer("enc-only"), AUDIENCE, null, null, null,
                        URI.create(server.url("/enc-only-keys").toString()))));
    }

    private TokenAuthenticator authenticator(List<TrustedIssuerConfig> issuers) throws Exception {
        // A generous HTTP timeout: on a loaded 2-core CI machine the issuer's first answers can be slow.
        AuthenticationConfig config = new AuthenticationConfig(issuers, null, null, null,
                io.dropwizard.util.Duration.seconds(30), Map.of("alice@example.org", List.of("alice@partner.edu")));
        LocalTokenIssuer local = new LocalTokenIssuer(keyDirectory, "https://conduit.example.org", AUDIENCE);
        return new TokenAuthenticator(config, local, revoked, clock);
    }

    /** A token from {@code issuerId} on the shared server, for {@link #AUDIENCE}, valid for an hour. */
    private static String token(String issuerId, String subject, Map<String, Object> claims) {
        return token(issuerId, subject, "JWT", claims, 3600);
    }

    private static String token(String issuerId, String subject, String type, Map<String, Object> claims,
            long expirySeconds) {
        return server.issueToken(issuerId, "client", new DefaultOAuth2TokenCallback(
                issuerId, subject, type, List.of(AUDIENCE), claims, expirySeconds)).serialize();
    }

    private AuthenticationException rejected(String credential, Reason reason) {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> authenticator.authenticate(credential));
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (String part : credential.split("[.\\s]")) {
                if (part.length() >= 8) {
                    assertThat(String.valueOf(t.getMessage())).doesNotContain(part);
                }
            }
        }
        return e;
    }

    private static JWTClaimsSet.Builder validClaims(String issuerId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer(issuerId))
                .subject("alice@example.org")
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .jwtID(UUID.randomUUID().toString());
    }

    @Test
    void tokenWithUsernameInSubGivesPrincipalWithStableIdentity() throws Exception {
        String token = token("default", "alice@example.org", Map.of("email", "alice@example.org", "name", "Alice"));

        Principal principal = authenticator.authenticate("Bearer " + token);

        assertThat(principal.username()).isEqualTo("alice@example.org");
        assertThat(principal.id()).isEqualTo(Principal.identityId("alice@example.org").toString());
        Identity identity = principal.identity();
        assertThat(identity.status()).isEqualTo("used");
        assertThat(identity.identityProvider()).isEqualTo(issuer("default"));
        assertThat(identity.email()).isEqualTo("alice@example.org");
        assertThat(identity.name()).isEqualTo("Alice");
        assertThat(principal.issuer()).isEqualTo(issuer("default"));
        SignedJWT parsed = SignedJWT.parse(token);
        assertThat(principal.tokenId()).isEqualTo(parsed.getJWTClaimsSet().getJWTID());
        assertThat(principal.expiresAt()).isEqualTo(parsed.getJWTClaimsSet().getExpirationTime().toInstant());
        assertThat(principal.authTime()).isEqualTo(parsed.getJWTClaimsSet().getIssueTime().toInstant());
        assertThat(principal.groups()).isEmpty();
    }

    @Test
    void sameUserGetsSameIdFromEveryAuthenticator() throws Exception {
        String token = token("default", "alice@example.org", Map.of());
        String first = authenticator.authenticate(token).id();
        String second = authenticator(List.of(TrustedIssuerConfig.of(issuer("default"), AUDIENCE)))
                .authenticate(token("default", "alice@EXAMPLE.org", Map.of())).id();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void preferredUsernameGetsTheConfiguredDomain() throws Exception {
        String token = token("keycloak", UUID.randomUUID().toString(), Map.of("preferred_username", "bob"));

        Principal principal = authenticator.authenticate(token);

        assertThat(principal.username()).isEqualTo("bob@example.org");
        assertThat(principal.id()).isEqualTo(Principal.identityId("bob@example.org").toString());
    }

    @Test
    void usernameClaimInTheIssuersDomainIsKeptInCanonicalForm() throws Exception {
        String token = token("keycloak", UUID.randomUUID().toString(),
                Map.of("preferred_username", "carol@Example.ORG"));

        assertThat(authenticator.authenticate(token).username()).isEqualTo("carol@example.org");
    }

    @Test
    void issuerWithADomainCannotNameUsersOfAnotherDomain() {
        String token = token("keycloak", UUID.randomUUID().toString(),
                Map.of("preferred_username", "carol@partner.edu"));

        AuthenticationException e = rejected(token, Reason.UNTRUSTED_ISSUER);
        assertThat(e.getMessage()).contains("example.org");
    }

    @Test
    void tokenWithoutTheConfiguredUsernameClaimIsRejected() {
        rejected(token("keycloak", UUID.randomUUID().toString(), Map.of()), Reason.MALFORMED);
    }

    @Test
    void subWithoutDomainIsRejectedWhenTheIssuerHasNoDomain() {
        rejected(token("default", "alice", Map.of()), Reason.MALFORMED);
    }

    @Test
    void groupsComeFromTheConfiguredClaim() throws Exception {
        String token = token("keycloak", UUID.randomUUID().toString(),
                Map.of("preferred_username", "bob", "groups", List.of("/physics", "/physics/dtn-admins")));

        assertThat(authenticator.authenticate(token).groups()).containsExactly("/physics", "/physics/dtn-admins");
    }

    @Test
    void authTimeComesFromTheAuthTimeClaim() throws Exception {
        long authTime = Instant.now().minusSeconds(7200).getEpochSecond();
        String token = token("default", "alice@example.org", Map.of("auth_time", authTime));

        assertThat(authenticator.authenticate(token).authTime()).isEqualTo(Instant.ofEpochSecond(authTime));
    }

    @Test
    void linkedIdentitiesComeWithTheirOwnIdsBothWays() throws Exception {
        Principal alice = authenticator.authenticate(token("default", "alice@example.org", Map.of()));
        assertThat(alice.linkedIdentities()).extracting(Identity::username, Identity::id, Identity::status)
                .containsExactly(tuple("alice@partner.edu",
                        Principal.identityId("alice@partner.edu").toString(), "used"));

        Principal partner = authenticator.authenticate(token("default", "alice@partner.edu", Map.of()));
        assertThat(partner.linkedIdentities()).extracting(Identity::username).containsExactly("alice@example.org");

        Principal bob = authenticator.authenticate(token("default", "bob@example.org", Map.of()));
        assertThat(bob.linkedIdentities()).isEmpty();
    }

    @Test
    void bearerSchemeIsCaseInsensitiveAndABareTokenIsAccepted() throws Exception {
        String token = token("default", "alice@example.org", Map.of());

        assertThat(authenticator.authenticate("bEaReR   " + token).username()).isEqualTo("alice@example.org");
        assertThat(authenticator.authenticate(token).username()).isEqualTo("alice@example.org");
    }

    @Test
    void missingCredentialIsReportedAsMissing() {
        rejected("", Reason.MISSING);
        rejected("Bearer ", Reason.MISSING);
        assertThat(assertThrows(AuthenticationException.class, () -> authenticator.authenticate(null)).reason())
                .isEqualTo(Reason.MISSING);
    }

    @Test
    void otherAuthorizationSchemesAreRejected() {
        rejected("Basic YWxpY2U6c2VjcmV0cGFzc3dvcmQ=", Reason.MALFORMED);
    }

    @Test
    void expiredTokenIsRejected() {
        rejected(token("default", "alice@example.org", "JWT", Map.of(), -600), Reason.EXPIRED);
    }

    @Test
    void tokenExpiredWithinTheClockSkewIsAccepted() throws Exception {
        String token = token("default", "alice@example.org", "JWT", Map.of(), -30);

        assertThat(authenticator.authenticate(token).username()).isEqualTo("alice@example.org");
    }

    @Test
    void tokenNotYetValidIsRejected() {
        Date notBefore = Date.from(Instant.now().plusSeconds(600));
        rejected(token("default", "alice@example.org", Map.of("nbf", notBefore)), Reason.NOT_YET_VALID);
    }

    @Test
    void tokenIssuedInTheFutureIsRejected() {
        Date issuedAt = Date.from(Instant.now().plusSeconds(600));
        rejected(token("default", "alice@example.org", Map.of("iat", issuedAt)), Reason.NOT_YET_VALID);
    }

    @Test
    void tokenForAnotherAudienceIsRejected() {
        String token = server.issueToken("default", "client", new DefaultOAuth2TokenCallback(
                "default", "alice@example.org", "JWT", List.of("some-other-service"), Map.of(), 3600)).serialize();

        AuthenticationException e = rejected(token, Reason.WRONG_AUDIENCE);
        assertThat(e.getMessage()).contains(AUDIENCE);
    }

    @Test
    void tokenFromUntrustedIssuerIsRejected() {
        MockOAuth2Server stranger = new MockOAuth2Server();
        stranger.start(InetAddress.getLoopbackAddress(), 0);
        try {
            String token = stranger.issueToken("default", "client", new DefaultOAuth2TokenCallback(
                    "default", "alice@example.org", "JWT", List.of(AUDIENCE), Map.of(), 3600)).serialize();

            AuthenticationException e = rejected(token, Reason.UNTRUSTED_ISSUER);
            assertThat(e.getMessage()).contains(issuer("default"))
                    .doesNotContain(stranger.issuerUrl("default").toString());
        } finally {
            stranger.shutdown();
        }
    }

    @Test
    void forgedSignatureWithTheIssuersKeyIdIsRejected() throws Exception {
        RSAKey published = publicKeys("default").getKeys().get(0).toRSAKey();
        // Any private key but the issuer's: one of the mock server's spare keys (making one takes seconds).
        RSAKey attacker;
        try (InputStream keys = MockOAuth2Server.class.getResourceAsStream(KeyProvider.INITIAL_KEYS_FILE)) {
            attacker = JWKSet.load(keys).getKeys().stream()
                    .map(JWK::toRSAKey)
                    .filter(key -> !key.getModulus().equals(published.getModulus()))
                    .findFirst().orElseThrow();
        }
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(published.getKeyID())
                .type(JOSEObjectType.JWT).build(), validClaims("default").build());
        forged.sign(new RSASSASigner(attacker));

        rejected(forged.serialize(), Reason.BAD_SIGNATURE);
    }

    @Test
    void tamperedClaimsAreRejected() throws Exception {
        String[] parts = token("default", "mallory@example.org", Map.of()).split("\\.");
        String aliceClaims = token("default", "alice@example.org", Map.of()).split("\\.")[1];

        rejected(parts[0] + "." + aliceClaims + "." + parts[2], Reason.BAD_SIGNATURE);
    }

    @Test
    void unsignedTokenIsRejected() {
        rejected(new PlainJWT(validClaims("default").build()).serialize(), Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void hmacTokenSignedWithTheIssuersPublicKeyIsRejected() throws Exception {
        RSAKey publicKey = publicKeys("default").getKeys().get(0).toRSAKey();
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(publicKey.getKeyID())
                .build(), validClaims("default").build());
        confused.sign(new MACSigner(publicKey.toRSAPublicKey().getEncoded()));

        rejected(confused.serialize(), Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void garbageIsRejectedAsMalformed() {
        rejected("not-a-token-at-all", Reason.MALFORMED);
        rejected("Bearer aaaaaaaaaa.bbbbbbbbbb.cccccccccc", Reason.MALFORMED);
        rejected("Bearer e30.e30", Reason.MALFORMED);
    }

    @Test
    void oversizedTokenIsRejectedEvenWhenValidlySigned() {
        String token = token("default", "alice@example.org", Map.of("padding", "x".repeat(17 * 1024)));

        AuthenticationException e = rejected(token, Reason.MALFORMED);
        assertThat(e.getMessage()).contains("16 KiB");
    }

    @Test
    void accessTokenTypedAtJwtIsAccepted() throws Exception {
        String token = token("default", "alice@example.org", "at+jwt", Map.of(), 3600);

        assertThat(authenticator.authenticate(token).username()).isEqualTo("alice@example.org");
    }

    @Test
    void tokenOfAnotherTypeIsRejected() {
        rejected(token("default", "alice@example.org", "logout+jwt", Map.of(), 3600), Reason.MALFORMED);
    }

    @Test
    void revokedTokenIsRejected() throws Exception {
        String token = token("default", "alice@example.org", Map.of());
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        authenticator.authenticate(token);

        revoked.revoke(claims.getJWTID(), claims.getExpirationTime().toInstant());

        rejected(token, Reason.REVOKED);
    }

    @Test
    void tokenClaimingTheLocalIssuerButSignedByTheIdpIsRejected() {
        rejected(token("default", "alice@example.org", Map.of("iss", "https://conduit.example.org")),
                Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void encryptionKeysInTheJwksNeverVerifyTokens() {
        rejected(token("enc-only", "alice@example.org", Map.of()), Reason.BAD_SIGNATURE);
    }

    @Test
    void tokenSignedWithARotatedInKeyIsAcceptedAfterAJwksRefresh() throws Exception {
        authenticator.authenticate(token("rotating", "alice@example.org", Map.of()));
        published = List.of("rotating", "rotating-next");
        clock.advance(Duration.ofSeconds(31));

        String rotated = token("rotating-next", "alice@example.org", Map.of("iss", issuer("rotating")));

        assertThat(authenticator.authenticate(rotated).username()).isEqualTo("alice@example.org");
        assertThat(rotatingKeyFetches).hasValue(2);
    }

    @Test
    void unknownKeyIdsFetchTheJwksAtMostOncePerInterval() throws Exception {
        authenticator.authenticate(token("rotating", "alice@example.org", Map.of()));
        String unknownKey = token("rotating-other", "alice@example.org", Map.of("iss", issuer("rotating")));

        for (int i = 0; i < 5; i++) {
            rejected(unknownKey, Reason.BAD_SIGNATURE);
        }
        assertThat(rotatingKeyFetches).hasValue(1);

        clock.advance(Duration.ofSeconds(31));
        rejected(unknownKey, Reason.BAD_SIGNATURE);
        rejected(unknownKey, Reason.BAD_SIGNATURE);
        assertThat(rotatingKeyFetches).hasValue(2);
    }

    @Test
    void keysAreRefreshedPeriodically() throws Exception {
        String token = token("rotating", "alice@example.org", Map.of());
        authenticator.authenticate(token);
        authenticator.authenticate(token);
        assertThat(rotatingKeyFetches).hasValue(1);

        clock.advance(Duration.ofMinutes(16));
        authenticator.authenticate(token);

        assertThat(rotatingKeyFetches).hasValue(2);
    }

    @Test
    void withdrawnKeyStopsWorkingAfterThePeriodicRefresh() throws Exception {
        String token = token("rotating", "alice@example.org", Map.of());
        authenticator.authenticate(token);
        published = List.of("rotating-next");
        clock.advance(Duration.ofMinutes(16));

        rejected(token, Reason.BAD_SIGNATURE);
    }

    @Test
    void cachedKeysSurviveAFailedPeriodicRefresh() throws Exception {
        String token = token("rotating", "alice@example.org", Map.of());
        authenticator.authenticate(token);
        rotatingKeysDown = true;
        clock.advance(Duration.ofMinutes(16));

        assertThat(authenticator.authenticate(token).username()).isEqualTo("alice@example.org");
    }

    @Test
    void unreachableJwksForAnUnknownKeyIsRetryableNotInvalid() throws Exception {
        authenticator.authenticate(token("rotating", "alice@example.org", Map.of()));
        rotatingKeysDown = true;
        clock.advance(Duration.ofSeconds(31));

        AuthenticationException e = rejected(
                token("rotating-next", "alice@example.org", Map.of("iss", issuer("rotating"))),
                Reason.ISSUER_UNREACHABLE);
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void unreachableIssuerIsRetryableNotInvalid() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String gone = "http://127.0.0.1:" + closedPort + "/gone";
        authenticator = authenticator(List.of(TrustedIssuerConfig.of(gone, AUDIENCE)));
        String token = token("default", "alice@example.org", Map.of("iss", gone));

        AuthenticationException first = rejected(token, Reason.ISSUER_UNREACHABLE);
        assertThat(first.retryable()).isTrue();
        assertThat(first.getMessage()).contains(gone);
        rejected(token, Reason.ISSUER_UNREACHABLE);
    }

    @Test
    void nonStringGroupsAreIgnored() throws Exception {
        Map<String, Object> claims = new HashMap<>();
        claims.put("preferred_username", "bob");
        claims.put("groups", List.of("g1", Map.of("nested", "x")));

        assertThat(authenticator.authenticate(token("keycloak", "some-uuid", claims)).groups()).containsExactly("g1");
    }
}
