package org.conduit.manager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class PrincipalTest {

    @Test
    void identityIdIsAVersion5UuidOfTheUsername() {
        // Expected value computed independently: Python uuid.uuid5(UUID('1a29beaa-...'), 'alice@example.org').
        assertThat(Principal.identityId("alice@example.org"))
                .isEqualTo(UUID.fromString("f6224d04-68b2-53a1-9370-387989c861ff"));
    }

    @Test
    void identityIdIgnoresDomainCaseButNotUserCase() {
        assertThat(Principal.identityId("alice@EXAMPLE.org")).isEqualTo(Principal.identityId("alice@example.org"));
        assertThat(Principal.identityId("Alice@example.org")).isNotEqualTo(Principal.identityId("alice@example.org"));
        assertThat(Principal.identityId("bob@example.org")).isNotEqualTo(Principal.identityId("alice@example.org"));
    }

    @Test
    void canonicalUsernameRefusesWhatIsNotUserAtDomain() {
        for (String bad : new String[] {"alice", "@example.org", "alice@", "a@b@c", "alice @example.org",
                "alice@exa\nmple.org", "a".repeat(250) + "@example.org"}) {
            assertThatThrownBy(() -> Principal.canonicalUsername(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
