package org.conduit.manager.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import java.util.List;

/** Where one issuer's verification keys come from: a fixed set (local tokens) or the issuer's JWKS. */
interface SigningKeys {

    /** The keys that may have signed a token with this header; empty when the issuer publishes none. */
    List<JWK> candidates(JWSHeader header) throws AuthenticationException;

    static SigningKeys fixed(JWKSet keys) {
        return header -> matching(keys, header);
    }

    /**
     * Keys of the header's {@code kid} (any key when the token names none) whose type and curve fit the
     * algorithm, whose {@code alg} is that algorithm or unset, and whose {@code use} is {@code sig} or
     * unset: an issuer's encryption keys (Keycloak publishes one next to its signing key) never verify.
     */
    static List<JWK> matching(JWKSet keys, JWSHeader header) {
        JWSAlgorithm algorithm = header.getAlgorithm();
        JWKMatcher.Builder matcher = new JWKMatcher.Builder()
                .keyType(KeyType.forAlgorithm(algorithm))
                .keyUses(KeyUse.SIGNATURE, null)
                .algorithms(algorithm, null);
        if (header.getKeyID() != null) {
            matcher.keyID(header.getKeyID());
        }
        if (JWSAlgorithm.Family.EC.contains(algorithm)) {
            matcher.curves(Curve.forJWSAlgorithm(algorithm));
        }
        return new JWKSelector(matcher.build()).select(keys);
    }
}
