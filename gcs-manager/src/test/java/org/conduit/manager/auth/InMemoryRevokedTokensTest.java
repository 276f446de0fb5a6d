package org.conduit.manager.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryRevokedTokensTest {

    @Test
    void revocationsAreForgottenAnHourAfterTheirTokenExpired() {
        MutableClock clock = new MutableClock();
        InMemoryRevokedTokens revoked = new InMemoryRevokedTokens(clock);
        revoked.revoke("short", clock.instant().plus(Duration.ofMinutes(5)));
        revoked.revoke("long", clock.instant().plus(Duration.ofDays(1)));

        clock.advance(Duration.ofMinutes(64));
        revoked.revoke("another", clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(revoked.isRevoked("short")).isTrue();

        clock.advance(Duration.ofMinutes(2));
        revoked.revoke("yet-another", clock.instant().plus(Duration.ofMinutes(5)));

        assertThat(revoked.isRevoked("short")).isFalse();
        assertThat(revoked.isRevoked("long")).isTrue();
        assertThat(revoked.size()).isEqualTo(3);
    }
}
