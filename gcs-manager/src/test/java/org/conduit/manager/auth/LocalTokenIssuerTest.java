package org.conduit.manager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.conduit.manager.auth.AuthenticationException.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint's own tokens: issued here, verified by the same {@link TokenAuthenticator} as OIDC tokens. */
class LocalTokenIssuerTest {

    private static final String ISSUER = "https://dtn1.example.org";
    private static final String AUDIENCE = "conduit-endpoint";

    @TempDir
    Path directory;

    private Path keyDirectory;
    private MutableClock clock;
    private InMemoryRevokedTokens revoked;

    @BeforeEach
    void setUp() {
        keyDirectory = directory.resolve("keys");
        clock = new MutableClock();
        revoked = new InMemoryRevokedTokens(clock);
    }

    private TokenAuthenticator authenticator(LocalTokenIssuer issuer) {
        return new TokenAuthenticator(AuthenticationConfig.of(List.of()), issuer, revoked, clock);
    }

    @Test
    void localTokenRoundTripsToAPrincipal() throws Exception {
        LocalTokenIssuer issuer = new LocalTokenIssuer(keyDirectory, ISSUER, AUDIENCE);
        String token = issuer.issue("alice@Example.org", Duration.ofMinutes(10));

        Principal principal = authenticator(issuer).authenticate("Bearer " + token);

        assertThat(principal.username()).isEqualTo("alice@example.org");
        assertThat(principal.id()).isEqualTo(Principal.identityId("alice@example.org").toString());
        assertThat(principal.issuer()).isEqualTo(ISSUER);
        assertThat(principal.identity().status()).isEqualTo("used");
        SignedJWT jwt = SignedJWT.parse(token);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(claims.getSubject()).isEqualTo("alice@example.org");
        assertThat(claims.getAudience()).containsExactly(AUDIENCE);
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(600_000L);
        assertThat(principal.tokenId()).isEqualTo(claims.getJWTID()).isNotBlank();
        assertThat(principal.expiresAt()).isEqualTo(claims.getExpirationTime().toInstant());
    }

    @Test
    void tokensStayValidForANewIssuerOnTheSameKeyDirectory() throws Exception {
        String token = new LocalTokenIssuer(keyDirectory, ISSUER, AUDIENCE).issue("alice@example.org",
                Duration.ofMinutes(10));

        LocalTokenIssuer afterRestart = new LocalTokenIssuer(keyDirectory, ISSUER, AUDIENCE);

        assertThat(authenticator(afterRestart).authenticate(token).username()).isEqualTo("alice@example.org");
    }

    @Test
    void tokenSignedWithAnotherEndpointsKeyIsRejected() throws Exception {
        String foreign = new LocalTokenIssuer(directory.resolve("other-keys"), ISSUER, AUDIENCE)
                .issue("alice@example.org", Duration.ofMinutes(10));
        TokenAuthenticator authenticator = authenticator(new LocalTokenIssuer(keyDirectory, ISSUER, AUDIENCE));

        AuthenticationException e =
                assertThrows(AuthenticationException.class, () -> authenticator.authenticate(foreign));
        assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void keyFileIsReadableByItsOwnerOnly() throws Exception {
        new LocalTokenIssuer(keyDirectory, ISSUER, AUDIENCE);

        Path keyFile = keyDirectory.resolve(LocalTokenIssuer.KEY_FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyDirectory))).isEqualTo("rwx------");
        try (var files = Files.list(keyDirectory)) {
            assertThat(files).containsExactly(keyFile);
        }
    }

    @Test
    void keyFileReadableByOthersIsRefused() throws Exception {
        new LocalTokenIssuer(keyDirectory, ISSUER, AUDIENCE);
        Files.setPosixFilePermissions(keyDirectory.resolve(LocalTokenIssuer.KEY_FILE_NAME),
                PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> new LocalTokenIssuer(keyDirectory, ISSUER, AUDIENCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chmod 600");
    }

    @Test
    void revokedLocalTokenIsRejected() throws Exception {
        LocalTokenIssuer issuer = new LocalTokenIssuer(keyDirectory, ISSUER, AUDIENCE);
        TokenAuthenticator authenticator = authenticator(issuer);
        String token = issuer.issue("alice@example.org", Duration.ofMinutes(10));
        String other = issuer.issue("alice@example.org", Duration.ofMinutes(10));
        Principal principal = authenticator.authenticate(token);

        revoked.revoke(principal.tokenId(), principal.expiresAt());

        AuthenticationException e =
                assertThrows(AuthenticationException.class, () -> authenticator.authenticate(token));
        assertThat(e.reason()).isEqualTo(Reason.REVOKED);
        assertThat(authenticator.authenticate(other).username()).isEqualTo("alice@example.org");
    }

    @Test
    void expiredLocalTokenIsRejected() throws Exception {
        LocalTokenIssuer issuer = new LocalTokenIssuer(keyDirectory, ISSUER, AUDIENCE);
        TokenAuthenticator authenticator = authenticator(issuer);
        String token = issuer.issue("alice@example.org", Duration.ofMinutes(1));
        authenticator.authenticate(token);

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));

        AuthenticationException e =
                assertThrows(AuthenticationException.class, () -> authenticator.authenticate(token));
        assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(e.getMessage()).doesNotContain(token.split("\\.")[1]);
    }

    @Test
    void usernameWithoutDomainCannotBeIssued() throws Exception {
        LocalTokenIssuer issuer = new LocalTokenIssuer(keyDirectory, ISSUER, AUDIENCE);

        assertThatThrownBy(() -> issuer.issue("alice", Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> issuer.issue("alice@example.org", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oidcIssuerCannotReuseTheLocalIssuerUrl() throws Exception {
        LocalTokenIssuer issuer = new LocalTokenIssuer(keyDirectory, ISSUER, AUDIENCE);
        AuthenticationConfig config = new AuthenticationConfig(List.of(TrustedIssuerConfig.of(ISSUER, AUDIENCE)),
                null, null, null, null, Map.of());

        assertThatThrownBy(() -> new TokenAuthenticator(config, issuer, revoked))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
