package org.conduit.manager.db;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.conduit.manager.auth.RevokedTokens;
import org.jdbi.v3.core.Jdbi;

/** Token revocations in the database, so they hold across restarts and across nodes. */
public final class DbRevokedTokens implements RevokedTokens {
    private final Jdbi jdbi;

    public DbRevokedTokens(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean isRevoked(String jti) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM revoked_tokens WHERE jti = :jti")
            .bind("jti", jti).mapTo(Integer.class).one()) > 0;
    }

    @Override
    public void revoke(String jti, Instant expiresAt) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM revoked_tokens WHERE expires_at < :now")
                .bind("now", OffsetDateTime.now(ZoneOffset.UTC)).execute();
            if (h.createQuery("SELECT COUNT(*) FROM revoked_tokens WHERE jti = :jti").bind("jti", jti)
                    .mapTo(Integer.class).one() == 0) {
                h.createUpdate("INSERT INTO revoked_tokens (jti, expires_at) VALUES (:jti, :exp)")
                    .bind("jti", jti).bind("exp", expiresAt.atOffset(ZoneOffset.UTC)).execute();
            }
        });
    }
}
