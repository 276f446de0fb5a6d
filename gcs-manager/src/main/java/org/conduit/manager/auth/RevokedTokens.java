package org.conduit.manager.auth;

import java.time.Instant;

/**
 * Token ids ({@code jti}) revoked before their expiry: logging out, or an administrator cutting off a
 * token. A revocation only needs to be remembered until {@code expiresAt}, after which the token is
 * refused as expired anyway, so implementations may forget it then.
 */
public interface RevokedTokens {

    boolean isRevoked(String jti);

    void revoke(String jti, Instant expiresAt);
}
