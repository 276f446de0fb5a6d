package org.conduit.manager.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code authentication} section of the endpoint's YAML configuration. Absent fields take the
 * defaults below, so an endpoint with no identity provider needs no section at all.
 *
 * @param issuers                trusted OIDC/OAuth2 issuers; none by default (local tokens only)
 * @param clockSkew              tolerance on {@code exp}, {@code nbf} and {@code iat}; default 60 s
 * @param jwksRefreshInterval    how old cached issuer keys may get before they are fetched again; default
 *                               15 min, so a key an issuer withdraws stops working within that time
 * @param jwksMinRefreshInterval at most one key fetch per issuer in this interval, whatever tokens arrive
 *                               (tokens with made-up key ids must not turn into a flood of requests to the
 *                               issuer); default 30 s
 * @param httpTimeout            connect and response timeout of discovery and key requests; default 5 s
 * @param linkedIdentities       primary username to the other usernames of the same person (GCS linked
 *                               identities); a link works both ways and links sharing a username merge
 */
public record AuthenticationConfig(
        @JsonProperty("issuers") List<TrustedIssuerConfig> issuers,
        @JsonProperty("clock_skew") Duration clockSkew,
        @JsonProperty("jwks_refresh_interval") Duration jwksRefreshInterval,
        @JsonProperty("jwks_min_refresh_interval") Duration jwksMinRefreshInterval,
        @JsonProperty("http_timeout") Duration httpTimeout,
        @JsonProperty("linked_identities") Map<String, List<String>> linkedIdentities) {

    public AuthenticationConfig {
        issuers = issuers == null ? List.of() : List.copyOf(issuers);
        Set<String> seen = new HashSet<>();
        for (TrustedIssuerConfig issuer : issuers) {
            if (!seen.add(issuer.issuer())) {
                throw new IllegalArgumentException("issuer " + issuer.issuer() + " is configured twice");
            }
        }
        clockSkew = clockSkew == null ? Duration.seconds(60) : clockSkew;
        jwksRefreshInterval = jwksRefreshInterval == null ? Duration.minutes(15) : jwksRefreshInterval;
        jwksMinRefreshInterval = jwksMinRefreshInterval == null ? Duration.seconds(30) : jwksMinRefreshInterval;
        httpTimeout = httpTimeout == null ? Duration.seconds(5) : httpTimeout;
        if (httpTimeout.toMilliseconds() <= 0) {
            throw new IllegalArgumentException("http_timeout must be positive");
        }
        Map<String, List<String>> links = new LinkedHashMap<>();
        if (linkedIdentities != null) {
            linkedIdentities.forEach((primary, others) -> links.put(primary, List.copyOf(others)));
        }
        linkedIdentities = Collections.unmodifiableMap(links);
    }

    /** Defaults everywhere, with these issuers. */
    public static AuthenticationConfig of(List<TrustedIssuerConfig> issuers) {
        return new AuthenticationConfig(issuers, null, null, null, null, null);
    }
}
