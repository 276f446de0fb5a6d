package org.conduit.manager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conduit.identity.Identity;
import org.junit.jupiter.api.Test;

class LinkedIdentitiesTest {

    @Test
    void linksSharingAUsernameFormOneGroup() {
        Map<String, List<String>> config = new LinkedHashMap<>();
        config.put("alice@example.org", List.of("alice@partner.edu"));
        config.put("ali@other.org", List.of("alice@Partner.EDU"));

        LinkedIdentities links = new LinkedIdentities(config);

        assertThat(links.of("alice@example.org")).extracting(Identity::username)
                .containsExactlyInAnyOrder("alice@partner.edu", "ali@other.org");
        assertThat(links.of("ali@other.org")).extracting(Identity::username)
                .containsExactlyInAnyOrder("alice@partner.edu", "alice@example.org");
        assertThat(links.of("alice@partner.edu")).extracting(Identity::id)
                .containsExactlyInAnyOrder(Principal.identityId("alice@example.org").toString(),
                        Principal.identityId("ali@other.org").toString());
        assertThat(links.of("bob@example.org")).isEmpty();
    }

    @Test
    void usernameWithoutDomainIsAConfigurationError() {
        assertThatThrownBy(() -> new LinkedIdentities(Map.of("alice", List.of("alice@example.org"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linked_identities");
    }
}
