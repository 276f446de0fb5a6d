package org.conduit.manager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.util.Duration;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The YAML an administrator writes, read with Dropwizard's own object mapper. */
class AuthenticationConfigTest {

    private final ObjectMapper yaml = Jackson.newObjectMapper(new YAMLFactory());

    @Test
    void readsSnakeCaseYamlWithDefaults() throws Exception {
        AuthenticationConfig config = yaml.readValue("""
                issuers:
                  - issuer: https://keycloak.example.org/realms/science
                    audience: conduit
                    username_claim: preferred_username
                    domain: Example.ORG
                    groups_claim: groups
                  - issuer: https://login.partner.edu
                    audience: conduit
                    jwks_uri: https://login.partner.edu/keys
                clock_skew: 30s
                linked_identities:
                  alice@example.org: [alice@partner.edu]
                """, AuthenticationConfig.class);

        TrustedIssuerConfig keycloak = config.issuers().get(0);
        assertThat(keycloak.usernameClaim()).isEqualTo("preferred_username");
        assertThat(keycloak.domain()).isEqualTo("example.org");
        assertThat(keycloak.groupsClaim()).isEqualTo("groups");
        assertThat(keycloak.jwksUri()).isNull();
        TrustedIssuerConfig partner = config.issuers().get(1);
        assertThat(partner.usernameClaim()).isEqualTo("sub");
        assertThat(partner.jwksUri()).isEqualTo(URI.create("https://login.partner.edu/keys"));
        assertThat(config.clockSkew()).isEqualTo(Duration.seconds(30));
        assertThat(config.jwksMinRefreshInterval()).isEqualTo(Duration.seconds(30));
        assertThat(config.jwksRefreshInterval()).isEqualTo(Duration.minutes(15));
        assertThat(config.linkedIdentities()).isEqualTo(Map.of("alice@example.org", List.of("alice@partner.edu")));
    }

    @Test
    void emptySectionMeansLocalTokensOnly() throws Exception {
        AuthenticationConfig config = yaml.readValue("{}", AuthenticationConfig.class);

        assertThat(config.issuers()).isEmpty();
        assertThat(config.clockSkew()).isEqualTo(Duration.seconds(60));
    }

    @Test
    void issuerWithoutAudienceIsRefused() {
        assertThatThrownBy(() -> yaml.readValue("issuers: [{issuer: 'https://idp.example.org'}]",
                AuthenticationConfig.class)).hasMessageContaining("audience");
    }

    @Test
    void plainHttpIssuerIsRefusedExceptOnLoopback() {
        assertThatThrownBy(() -> TrustedIssuerConfig.of("http://idp.example.org", "conduit"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> TrustedIssuerConfig.of("http://127.evil.example/realm", "conduit"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TrustedIssuerConfig.of("http://127.0.0.1:8080/realm", "conduit").issuer())
                .isEqualTo("http://127.0.0.1:8080/realm");
    }

    @Test
    void sameIssuerTwiceIsRefused() {
        TrustedIssuerConfig issuer = TrustedIssuerConfig.of("https://idp.example.org", "conduit");
        assertThatThrownBy(() -> AuthenticationConfig.of(List.of(issuer, issuer)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
