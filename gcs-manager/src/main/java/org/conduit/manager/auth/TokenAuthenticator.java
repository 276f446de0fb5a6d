package org.conduit.manager.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.conduit.identity.Identity;
import org.conduit.manager.auth.AuthenticationException.Reason;

/**
 * The one authentication step every entry point calls (REST, HTTPS mover, GridFTP token login,
 * workers): a bearer JWT in, a {@link Principal} or an {@link AuthenticationException} out.
 *
 * <p>The token's unverified {@code iss} picks exactly one trusted issuer, this endpoint's own
 * {@link LocalTokenIssuer} or a configured OIDC issuer; everything else is then checked against that
 * issuer only: algorithm (asymmetric only, so a public key can never be used as an HMAC secret),
 * signature with a published signing key, {@code aud}, {@code exp}/{@code nbf}/{@code iat} with the
 * configured clock skew, {@code typ}, and revocation of the {@code jti}. Thread-safe; build one per
 * endpoint and share it, so that issuer keys are cached once.
 */
public final class TokenAuthenticator {

    /** Larger credentials are refused before any parsing. */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private static final Set<JWSAlgorithm> OIDC_ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    private static final Set<JWSAlgorithm> LOCAL_ALGORITHMS = Set.of(JWSAlgorithm.ES256);
    /** Access tokens: untyped, {@code JWT}, or RFC 9068 {@code at+jwt}. ID tokens and others are not. */
    private static final Set<String> ACCEPTED_TYPES = Set.of("jwt", "at+jwt", "application/at+jwt");
    private static final String BEARER = "Bearer";

    /** One trusted issuer, with what its tokens must satisfy. */
    private record Issuer(
            String issuer,
            String audience,
            Set<JWSAlgorithm> algorithms,
            String usernameClaim,
            String domain,
            String groupsClaim,
            boolean local,
            SigningKeys keys) {
    }

    private final Map<String, Issuer> issuers = new LinkedHashMap<>();
    /** The local identity domain: only the endpoint's own tokens may name its users. */
    private final String localDomain;
    private final RevokedTokens revokedTokens;
    private final LinkedIdentities linkedIdentities;
    private final Duration clockSkew;
    private final Clock clock;

    /**
     * @param config        trusted OIDC issuers and settings
     * @param localIssuer   this endpoint's own issuer, whose tokens are always accepted
     * @param revokedTokens consulted for every token that has a {@code jti}
     * @throws IllegalArgumentException if an OIDC issuer has the local issuer's URL or a linked username is
     *                                  not {@code user@domain}
     */
    public TokenAuthenticator(AuthenticationConfig config, LocalTokenIssuer localIssuer, RevokedTokens revokedTokens) {
        this(config, localIssuer, revokedTokens, Clock.systemUTC());
    }

    TokenAuthenticator(AuthenticationConfig config, LocalTokenIssuer localIssuer, RevokedTokens revokedTokens,
            Clock clock) {
        this.revokedTokens = Objects.requireNonNull(revokedTokens, "revokedTokens");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.clockSkew = config.clockSkew().toJavaDuration();
        this.linkedIdentities = new LinkedIdentities(config.linkedIdentities());
        this.localDomain = localIssuer.domain();
        issuers.put(localIssuer.issuer(), new Issuer(localIssuer.issuer(), localIssuer.audience(), LOCAL_ALGORITHMS,
                "sub", localIssuer.domain(), null, true, SigningKeys.fixed(localIssuer.publicKeys())));
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(config.httpTimeout().toJavaDuration())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        for (TrustedIssuerConfig trusted : config.issuers()) {
            if (issuers.containsKey(trusted.issuer())) {
                throw new IllegalArgumentException("issuer " + trusted.issuer() + " is this endpoint's own token "
                        + "issuer; it cannot also be an OIDC issuer");
            }
            issuers.put(trusted.issuer(), new Issuer(trusted.issuer(), trusted.audience(), OIDC_ALGORITHMS,
                    trusted.usernameClaim(), trusted.domain(), trusted.groupsClaim(), false,
                    new RemoteJwks(trusted, http, config, clock)));
        }
    }

    /**
     * Authenticates a bearer token.
     *
     * @param authorizationHeaderOrToken an {@code Authorization} header value ({@code Bearer <jwt>}, scheme in
     *                                   any case) or the bare JWT
     * @throws AuthenticationException with the reason the token was refused; only
     *                                 {@link Reason#ISSUER_UNREACHABLE} is worth retrying as is
     */
    public Principal authenticate(String authorizationHeaderOrToken) throws AuthenticationException {
        SignedJWT jwt = parse(bearerToken(authorizationHeaderOrToken));
        checkType(jwt.getHeader());
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw malformed("its claims are not a valid JSON object");
        }
        Issuer issuer = issuerOf(claims);
        verifySignature(jwt, issuer);
        checkAudience(claims, issuer);
        Instant expiresAt = checkTimes(claims);
        String tokenId = claims.getJWTID();
        if (tokenId == null && issuer.local()) {
            throw malformed("it has no token id (jti)");
        }
        if (tokenId != null && revokedTokens.isRevoked(tokenId)) {
            throw new AuthenticationException(Reason.REVOKED,
                    "This token was revoked; sign in again to get a new one.");
        }
        return principal(claims, issuer, tokenId, expiresAt);
    }

    private static String bearerToken(String credential) throws AuthenticationException {
        if (credential == null || credential.isBlank() || credential.strip().equalsIgnoreCase(BEARER)) {
            throw new AuthenticationException(Reason.MISSING,
                    "No credential was sent; send the header 'Authorization: Bearer <access token>'.");
        }
        if (credential.length() > MAX_TOKEN_LENGTH + BEARER.length() + 16) {
            throw tooLarge();
        }
        String value = credential.strip();
        int space = indexOfWhitespace(value);
        if (space >= 0) {
            if (!value.substring(0, space).equalsIgnoreCase(BEARER)) {
                throw new AuthenticationException(Reason.MALFORMED, "Only the Bearer authorization scheme is accepted; "
                        + "send 'Authorization: Bearer <access token>'.");
            }
            value = value.substring(space).strip();
        }
        if (value.length() > MAX_TOKEN_LENGTH) {
            throw tooLarge();
        }
        return value;
    }

    private static int indexOfWhitespace(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static AuthenticationException tooLarge() {
        return new AuthenticationException(Reason.MALFORMED, "The credential is larger than "
                + MAX_TOKEN_LENGTH / 1024 + " KiB, which no access token is; send only the access token.");
    }

    private static SignedJWT parse(String token) throws AuthenticationException {
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new AuthenticationException(Reason.MALFORMED, "The credential is not a JWT (three base64url parts "
                    + "separated by dots); send the access token your identity provider issued.");
        }
        if (parsed instanceof PlainJWT) {
            throw new AuthenticationException(Reason.UNSUPPORTED_ALGORITHM,
                    "Unsigned tokens (alg none) are never accepted; send a signed access token.");
        }
        if (!(parsed instanceof SignedJWT signed)) {
            throw new AuthenticationException(Reason.MALFORMED,
                    "Encrypted tokens are not accepted; send a signed access token.");
        }
        return signed;
    }

    private static void checkType(JWSHeader header) throws AuthenticationException {
        JOSEObjectType type = header.getType();
        if (type != null && !ACCEPTED_TYPES.contains(type.getType().toLowerCase(Locale.ROOT))) {
            throw new AuthenticationException(Reason.MALFORMED, "The token is not an access token (its typ header "
                    + "must be absent, JWT or at+jwt); send an access token, not an ID token or another kind of JWT.");
        }
    }

    private Issuer issuerOf(JWTClaimsSet claims) throws AuthenticationException {
        String iss = claims.getIssuer();
        if (iss == null) {
            throw malformed("it names no issuer (iss)");
        }
        Issuer issuer = issuers.get(iss);
        if (issuer == null) {
            throw new AuthenticationException(Reason.UNTRUSTED_ISSUER, "This endpoint does not trust the token's "
                    + "issuer; sign in with one it trusts: " + String.join(", ", issuers.keySet()) + ".");
        }
        return issuer;
    }

    private static void verifySignature(SignedJWT jwt, Issuer issuer) throws AuthenticationException {
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!issuer.algorithms().contains(algorithm)) {
            throw new AuthenticationException(Reason.UNSUPPORTED_ALGORITHM, "The token's signature algorithm is not "
                    + "accepted for issuer " + issuer.issuer() + " (accepted: " + names(issuer.algorithms())
                    + "); get a token from the issuer itself.");
        }
        List<JWK> candidates = issuer.keys().candidates(jwt.getHeader());
        for (JWK key : candidates) {
            if (verifies(jwt, key)) {
                return;
            }
        }
        throw new AuthenticationException(Reason.BAD_SIGNATURE, candidates.isEmpty()
                ? "The token is signed with a key issuer " + issuer.issuer() + " does not publish; get a new token "
                        + "from the issuer."
                : "The token's signature does not verify: it was altered or not made by issuer " + issuer.issuer()
                        + "; get a new token from the issuer.");
    }

    private static boolean verifies(SignedJWT jwt, JWK key) {
        try {
            JWSVerifier verifier;
            if (key instanceof RSAKey rsa) {
                verifier = new RSASSAVerifier(rsa);
            } else if (key instanceof ECKey ec) {
                verifier = new ECDSAVerifier(ec);
            } else {
                return false;
            }
            return jwt.verify(verifier);
        } catch (JOSEException e) {
            return false;
        }
    }

    private static String names(Collection<JWSAlgorithm> algorithms) {
        return algorithms.stream().map(JWSAlgorithm::getName).sorted().reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static void checkAudience(JWTClaimsSet claims, Issuer issuer) throws AuthenticationException {
        if (!claims.getAudience().contains(issuer.audience())) {
            throw new AuthenticationException(Reason.WRONG_AUDIENCE, "The token was issued for another service: its "
                    + "audience does not include '" + issuer.audience() + "'; request a token for that audience.");
        }
    }

    private Instant checkTimes(JWTClaimsSet claims) throws AuthenticationException {
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            throw malformed("it has no expiry (exp)");
        }
        if (!now.isBefore(expiry.toInstant().plus(clockSkew))) {
            throw new AuthenticationException(Reason.EXPIRED, "The token expired at " + expiry.toInstant()
                    + "; get a new one (sign in again or refresh it) and retry.");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(clockSkew).isBefore(notBefore.toInstant())) {
            throw new AuthenticationException(Reason.NOT_YET_VALID, "The token is valid only from "
                    + notBefore.toInstant() + "; retry then, or check this machine's clock.");
        }
        Date issuedAt = claims.getIssueTime();
        if (issuedAt == null) {
            throw malformed("it has no issue time (iat)");
        }
        if (now.plus(clockSkew).isBefore(issuedAt.toInstant())) {
            throw new AuthenticationException(Reason.NOT_YET_VALID, "The token claims to be issued in the future ("
                    + issuedAt.toInstant() + "); the issuer's clock or this machine's is wrong.");
        }
        return expiry.toInstant();
    }

    private Principal principal(JWTClaimsSet claims, Issuer issuer, String tokenId, Instant expiresAt)
            throws AuthenticationException {
        Identity identity = Principal.identityOf(username(claims, issuer))
                .with("identity_provider", issuer.issuer())
                .with("email", stringClaim(claims, "email"))
                .with("name", stringClaim(claims, "name"));
        Instant authTime;
        try {
            Date claimed = claims.getDateClaim("auth_time");
            authTime = (claimed != null ? claimed : claims.getIssueTime()).toInstant();
        } catch (ParseException e) {
            throw malformed("its auth_time is not a time");
        }
        return new Principal(identity, authTime, issuer.issuer(), groups(claims, issuer),
                linkedIdentities.of(identity.username()), tokenId, expiresAt);
    }

    /**
     * The username an issuer asserts. An issuer configured with a {@code domain} names users of that domain
     * only, and no issuer but the endpoint's own names users of the local domain: otherwise any trusted issuer
     * could claim {@code admin@<local domain>} or another domain's users.
     */
    private String username(JWTClaimsSet claims, Issuer issuer) throws AuthenticationException {
        String claim = issuer.usernameClaim();
        String name = stringClaim(claims, claim);
        if (name == null || name.isEmpty()) {
            throw malformed("it has no '" + claim + "' claim naming the user; if the token is right, ask the "
                    + "endpoint administrator to check username_claim for issuer " + issuer.issuer());
        }
        if (claim.equals("email") && Boolean.FALSE.equals(claims.getClaim("email_verified"))) {
            throw malformed("the identity provider has not verified the email address that names the user; "
                    + "verify it there and sign in again");
        }
        if (name.indexOf('@') < 0) {
            if (issuer.domain() == null) {
                throw malformed("its '" + claim + "' claim has no @domain and issuer " + issuer.issuer() + " has no "
                        + "domain configured; ask the endpoint administrator to set one");
            }
            name = name + "@" + issuer.domain();
        }
        String canonical;
        try {
            canonical = Principal.canonicalUsername(name);
        } catch (IllegalArgumentException e) {
            throw malformed("its '" + claim + "' claim is not a usable username: " + e.getMessage());
        }
        String domain = canonical.substring(canonical.indexOf('@') + 1);
        if (issuer.domain() != null && !domain.equals(issuer.domain())) {
            throw new AuthenticationException(Reason.UNTRUSTED_ISSUER, "issuer " + issuer.issuer()
                    + " is trusted for users of " + issuer.domain() + " only, and this token names a user of another"
                    + " domain");
        }
        if (!issuer.local() && domain.equals(localDomain)) {
            throw new AuthenticationException(Reason.UNTRUSTED_ISSUER, "users of the local domain " + localDomain
                    + " sign in with this endpoint's own tokens only");
        }
        return canonical;
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String value ? value : null;
    }

    private static List<String> groups(JWTClaimsSet claims, Issuer issuer) {
        if (issuer.groupsClaim() == null) {
            return List.of();
        }
        Object value = claims.getClaim(issuer.groupsClaim());
        if (value instanceof String group) {
            return List.of(group);
        }
        List<String> groups = new ArrayList<>();
        if (value instanceof Collection<?> values) {
            for (Object group : values) {
                if (group instanceof String || group instanceof Number) {
                    groups.add(group.toString());
                }
            }
        }
        return groups;
    }

    private static AuthenticationException malformed(String problem) {
        return new AuthenticationException(Reason.MALFORMED, "The token is not usable: " + problem + ".");
    }
}
