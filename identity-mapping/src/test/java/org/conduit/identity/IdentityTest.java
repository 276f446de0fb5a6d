package org.conduit.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.conduit.identity.TestDocuments.JSON;

import org.junit.jupiter.api.Test;

class IdentityTest {

    private static final String GLOBUS_AUTH_IDENTITY = """
            {"id": "00000000-0000-4444-8888-222222222222", "email": "roberto@cs.your_institution.com",
             "identity_provider": "ef345063-bffd-41f7-b403-24f97e325678", "identity_type": "login",
             "name": "Roberto", "organization": null, "status": "used",
             "username": "roberto@your_institution.com", "department": "Computer Science",
             "linked": {"nested": true}}
            """;

    @Test
    void readsGlobusAuthIdentityResourceWithSnakeCaseFields() throws Exception {
        Identity identity = JSON.readValue(GLOBUS_AUTH_IDENTITY, Identity.class);

        assertThat(identity.id()).isEqualTo("00000000-0000-4444-8888-222222222222");
        assertThat(identity.username()).isEqualTo("roberto@your_institution.com");
        assertThat(identity.identityProvider()).isEqualTo("ef345063-bffd-41f7-b403-24f97e325678");
        assertThat(identity.identityType()).isEqualTo("login");
        assertThat(identity.status()).isEqualTo("used");
        assertThat(identity.organization()).isNull();
        assertThat(identity.field("identity_provider")).isEqualTo(identity.identityProvider());
        assertThat(identity.field("department")).isEqualTo("Computer Science");
        assertThat(identity.field("linked")).as("nested values cannot be interpolated").isNull();
    }

    @Test
    void writesTheSameSnakeCaseFieldsBack() throws Exception {
        Identity identity = JSON.readValue(GLOBUS_AUTH_IDENTITY, Identity.class);

        String written = JSON.writeValueAsString(identity);

        assertThat(JSON.readTree(written).get("identity_provider").asText()).isEqualTo(identity.identityProvider());
        assertThat(JSON.readTree(written).get("department").asText()).isEqualTo("Computer Science");
        assertThat(JSON.readTree(written).has("organization")).isTrue();
        assertThat(JSON.readValue(written, Identity.class)).isEqualTo(identity);
    }

    @Test
    void withSetsStandardAndOtherFields() {
        Identity identity = Identity.of("id-1", "alice@example.org").with("email", "a@example.org").with("eppn", "alice");

        assertThat(identity.email()).isEqualTo("a@example.org");
        assertThat(identity.field("eppn")).isEqualTo("alice");
        assertThat(identity.with("email", null).email()).isNull();
    }
}
