package org.conduit.manager.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revocations held by this process only: right for a single node whose tokens need not stay revoked
 * across a restart. Entries are dropped an hour after their token expired (longer than any sensible
 * clock skew, during which an expired token is still accepted), so memory is bounded by the tokens
 * revoked within about one token lifetime.
 */
final class InMemoryRevokedTokens implements RevokedTokens {

    private static final Duration RETENTION_AFTER_EXPIRY = Duration.ofHours(1);

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final Clock clock;

    InMemoryRevokedTokens() {
        this(Clock.systemUTC());
    }

    InMemoryRevokedTokens(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean isRevoked(String jti) {
        return revoked.containsKey(jti);
    }

    @Override
    public void revoke(String jti, Instant expiresAt) {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Instant now = clock.instant();
        revoked.values().removeIf(expiry -> expiry.plus(RETENTION_AFTER_EXPIRY).isBefore(now));
        revoked.merge(jti, expiresAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** How many revocations are remembered; for monitoring. */
    public int size() {
        return revoked.size();
    }
}
