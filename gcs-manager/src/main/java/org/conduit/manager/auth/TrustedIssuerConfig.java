package org.conduit.manager.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.Locale;

/**
 * One OIDC/OAuth2 issuer whose bearer JWTs this endpoint accepts, as written in the endpoint's YAML
 * configuration. A token is matched to its issuer by the exact {@code iss} string, so {@code issuer} must
 * be written exactly as the issuer puts it in its tokens (trailing slash included or not).
 *
 * @param issuer        the exact {@code iss} value; {@code https}, or {@code http} on a loopback host only
 * @param audience      a value the token's {@code aud} must contain: the id this endpoint is registered
 *                      under at the issuer; required, because without it any token the issuer ever minted
 *                      for any other service would be accepted here
 * @param usernameClaim the claim naming the user: {@code sub} (default), {@code preferred_username},
 *                      {@code email} or any other string claim
 * @param domain        the identity domain this issuer speaks for: appended as {@code @domain} when the
 *                      username claim has no {@code @} (Keycloak's {@code preferred_username}, for instance),
 *                      and a claim naming another domain is refused. Without it, the issuer may name users of
 *                      any domain but the endpoint's local one, and a username without {@code @} is refused.
 * @param groupsClaim   a claim holding the user's group ids (a string or an array of strings); optional
 * @param jwksUri       where the signing keys are; optional, by default discovered from
 *                      {@code <issuer>/.well-known/openid-configuration}
 */
public record TrustedIssuerConfig(
        @JsonProperty("issuer") String issuer,
        @JsonProperty("audience") String audience,
        @JsonProperty("username_claim") String usernameClaim,
        @JsonProperty("domain") String domain,
        @JsonProperty("groups_claim") String groupsClaim,
        @JsonProperty("jwks_uri") URI jwksUri) {

    public TrustedIssuerConfig {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("a trusted issuer needs 'issuer', its exact iss value");
        }
        requireSecureTransport(URI.create(issuer), "issuer " + issuer);
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("trusted issuer " + issuer + " needs 'audience', the id this endpoint "
                    + "has at that issuer; without it tokens meant for other services would be accepted");
        }
        usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? "sub" : usernameClaim;
        if (domain != null) {
            domain = domain.toLowerCase(Locale.ROOT);
            if (domain.isBlank() || domain.contains("@") || !domain.equals(domain.strip())) {
                throw new IllegalArgumentException("trusted issuer " + issuer + ": 'domain' is a bare domain such as "
                        + "example.org");
            }
        }
        if (groupsClaim != null && groupsClaim.isBlank()) {
            groupsClaim = null;
        }
        if (jwksUri != null) {
            requireSecureTransport(jwksUri, "jwks_uri of issuer " + issuer);
        }
    }

    /** The usual case: username from {@code sub}, keys discovered, no groups. */
    public static TrustedIssuerConfig of(String issuer, String audience) {
        return new TrustedIssuerConfig(issuer, audience, null, null, null, null);
    }

    /**
     * Keys fetched over plain HTTP from another host could be swapped by anyone on the path, and with them
     * every identity; loopback is allowed for an issuer on the same machine (and for tests).
     */
    static void requireSecureTransport(URI uri, String what) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && isLoopback(uri.getHost()))) {
            throw new IllegalArgumentException(what + " must be an https URL (http only on a loopback host)");
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || h.equals("[::1]");
    }
}
