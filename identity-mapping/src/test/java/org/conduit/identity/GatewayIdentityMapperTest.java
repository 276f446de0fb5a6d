package org.conduit.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.conduit.identity.TestDocuments.expressionDocument;
import static org.conduit.identity.TestDocuments.externalDocument;
import static org.conduit.identity.TestDocuments.json;
import static org.conduit.identity.TestDocuments.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.conduit.identity.IdentityMappingException.Reason;
import org.conduit.identity.posix.LibcAccountLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class GatewayIdentityMapperTest {

    private static final String POSIX_CONNECTOR = "145812c8-decc-41f1-83cf-bb2a85a2a70b";
    private static final String GATEWAY = "6f0d5f8e-0c1a-4b55-9a3e-2d6c8c0d1e21";

    private static GatewayMappingConfig.Builder gateway(String... allowedDomains) {
        return GatewayMappingConfig.builder(POSIX_CONNECTOR, GATEWAY).allowedDomains(List.of(allowedDomains));
    }

    private static Identity identity(String username) {
        return Identity.of("id-" + username, username).with("status", "used");
    }

    private static IdentityMappingException failure(GatewayMappingConfig config, Identity identity) {
        try {
            GatewayIdentityMapper.create(config).map(identity);
        } catch (IdentityMappingException e) {
            return e;
        }
        throw new AssertionError(identity.username() + " was mapped");
    }

    private static String map(GatewayMappingConfig config, Identity identity) throws IdentityMappingException {
        return GatewayIdentityMapper.create(config).map(identity).username();
    }

    @Test
    void defaultMappingStripsTheDomainForPosixStyleConnectors() throws Exception {
        MappedAccount account = GatewayIdentityMapper.create(gateway("example.org").build()).map(identity("alice@example.org"));

        assertThat(account.username()).isEqualTo("alice");
        assertThat(account.identityId()).isEqualTo("id-alice@example.org");
        assertThat(account.posixAccount()).as("verification is off").isEmpty();
    }

    @Test
    void defaultMappingKeepsTheFullUsernameForBoxStyleConnectors() throws Exception {
        assertThat(map(gateway("example.org").keepFullUsername(true).build(), identity("alice@example.org")))
                .isEqualTo("alice@example.org");
    }

    @Test
    void allowedDomainIsComparedWithoutCase() throws Exception {
        assertThat(map(gateway("Example.ORG").build(), identity("Alice@EXAMPLE.org"))).isEqualTo("Alice");
    }

    @Test
    void identityFromAnotherDomainIsNotFromAllowedDomain() {
        IdentityMappingException e = failure(gateway("example.org").build(), identity("alice@example.org.evil.com"));

        assertThat(e.reason()).isEqualTo(Reason.NOT_FROM_ALLOWED_DOMAIN);
        assertThat(e.getMessage()).contains("alice@example.org.evil.com", "allowed_domains");
    }

    @Test
    void usernameWithoutDomainIsNotFromAllowedDomain() {
        assertThat(failure(gateway("example.org").build(), identity("alice")).reason())
                .isEqualTo(Reason.NOT_FROM_ALLOWED_DOMAIN);
    }

    @Test
    void moreThanOneDomainWithoutMappingIsAConfigurationError() {
        IdentityMappingException e = failure(gateway("example.org", "example.edu").build(), identity("alice@example.org"));

        assertThat(e.reason()).isEqualTo(Reason.INVALID_CONFIGURATION);
        assertThat(e.getMessage()).contains("a custom identity mapping is required when more than one domain is allowed");
    }

    @Test
    void gatewayWithoutAllowedDomainsIsAConfigurationError() {
        assertThat(failure(gateway().build(), identity("alice@example.org")).reason())
                .isEqualTo(Reason.INVALID_CONFIGURATION);
    }

    @Test
    void customMappingsAreTriedInOrderAcrossDocuments() throws Exception {
        GatewayMappingConfig config = gateway("example.org", "example.edu").identityMappings(List.of(
                expressionDocument(mapping("{username}", "(.*)@example\\.edu", "edu_{0}")),
                expressionDocument(mapping("{username}", "(.*)@example\\.(org|edu)", "{0}")))).build();

        assertThat(map(config, identity("bob@example.edu"))).isEqualTo("edu_bob");
        assertThat(map(config, identity("alice@example.org"))).isEqualTo("alice");
    }

    @Test
    void customMappingReplacesTheDefaultEvenWithOneDomain() throws Exception {
        GatewayMappingConfig config = gateway("example.org").identityMappings(List.of(
                expressionDocument(mapping("{username}", "(.*)@example\\.org", "x_{0}")))).build();

        assertThat(map(config, identity("alice@example.org"))).isEqualTo("x_alice");
    }

    @Test
    void externalProgramThatDoesNotMapFallsThroughToTheNextDocument(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("no-answer");
        Files.writeString(program, "#!/bin/sh\ncat > /dev/null\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        GatewayMappingConfig config = gateway("example.org").identityMappings(List.of(
                externalDocument(program),
                expressionDocument(mapping("{username}", "(.*)@example\\.org", "{0}")))).build();

        assertThat(map(config, identity("alice@example.org"))).isEqualTo("alice");
    }

    @Test
    void identityNoMappingMatchesIsNoMapping() {
        GatewayMappingConfig config = gateway("example.org").identityMappings(List.of(
                expressionDocument(mapping("{username}", "(alice)@example\\.org", "{0}")))).build();

        IdentityMappingException e = failure(config, identity("bob@example.org"));

        assertThat(e.reason()).isEqualTo(Reason.NO_MAPPING);
        assertThat(e.getMessage()).contains("bob@example.org", GATEWAY);
    }

    @Test
    void invalidMappingDocumentIsReportedWithItsPosition() {
        GatewayMappingConfig config = gateway("example.org").identityMappings(List.of(
                expressionDocument(mapping("{username}", "(.*)@example\\.org", "{0}")),
                expressionDocument(mapping("{username}", "*@example\\.org", "{0}")))).build();

        IdentityMappingException e = failure(config, identity("alice@example.org"));

        assertThat(e.reason()).isEqualTo(Reason.INVALID_MAPPING_DOCUMENT);
        assertThat(e.getMessage()).contains("identity_mappings[1]", "mappings[0].match", "leading wildcard");
    }

    @Test
    void usersDenyWinsOverUsersAllow() {
        IdentityMappingException e = failure(gateway("example.org").usersAllow(List.of("alice"))
                .usersDeny(List.of("alice")).build(), identity("alice@example.org"));

        assertThat(e.reason()).isEqualTo(Reason.USER_DENIED);
        assertThat(e.getMessage()).contains("'alice'", "users_deny");
    }

    @Test
    void usersAllowAdmitsOnlyListedUsers() throws Exception {
        GatewayMappingConfig config = gateway("example.org").usersAllow(List.of("alice")).build();

        assertThat(map(config, identity("alice@example.org"))).isEqualTo("alice");
        IdentityMappingException e = failure(config, identity("bob@example.org"));
        assertThat(e.reason()).isEqualTo(Reason.USER_NOT_ALLOWED);
        assertThat(e.getMessage()).contains("'bob'", "users_allow");
    }

    @Test
    void allowAndDenyApplyToTheMappedUsernameNotTheIdentity() throws Exception {
        GatewayMappingConfig config = gateway("example.org").usersDeny(List.of("alice@example.org")).build();

        assertThat(map(config, identity("alice@example.org"))).isEqualTo("alice");
    }

    @Test
    void mappingToControlCharactersIsRefused() {
        GatewayMappingConfig config = gateway("example.org").identityMappings(List.of(
                expressionDocument(mapping("{username}", "(.*)@example\\.org", "{0}\n")))).build();

        assertThat(failure(config, identity("alice@example.org")).reason()).isEqualTo(Reason.INVALID_USERNAME);
    }

    @Test
    void withoutVerificationAMissingAccountIsStillMapped() throws Exception {
        assertThat(map(gateway("example.org").build(), identity("conduit-no-such-user-7f3a@example.org")))
                .isEqualTo("conduit-no-such-user-7f3a");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void mappingToRootIsRefused() {
        IdentityMappingException e = failure(gateway("example.org").verifyAccountsWith(new LibcAccountLookup()).build(),
                identity("root@example.org"));

        assertThat(e.reason()).isEqualTo(Reason.ROOT_ACCOUNT_REFUSED);
        assertThat(e.getMessage()).contains("'root'", "uid 0");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void mappingToANonexistentAccountIsRefused() {
        IdentityMappingException e = failure(gateway("example.org").verifyAccountsWith(new LibcAccountLookup()).build(),
                identity("conduit-no-such-user-7f3a@example.org"));

        assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_ACCOUNT);
        assertThat(e.getMessage()).contains("'conduit-no-such-user-7f3a'", "does not exist");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void mappingToAnExistingAccountCarriesItsPosixIds() throws Exception {
        MappedAccount account = GatewayIdentityMapper.create(
                gateway("example.org").verifyAccountsWith(new LibcAccountLookup()).build()).map(identity("nobody@example.org"));

        assertThat(account.posixAccount()).hasValueSatisfying(posix -> {
            assertThat(posix.username()).isEqualTo("nobody");
            assertThat(posix.uid()).isNotZero();
        });
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void mapAllKeepsOnlyUsableAccountsOfTheIdentitySet() throws Exception {
        GatewayMappingConfig config = gateway("example.org", "example.edu")
                .identityMappings(List.of(expressionDocument(
                        mapping("{username}", "(.*)@example\\.(org|edu)", "{0}"),
                        mapping("{username}", "(.*)@example\\.org", "root"))))
                .usersDeny(List.of("daemon"))
                .verifyAccountsWith(new LibcAccountLookup())
                .build();
        List<Identity> identitySet = List.of(
                identity("nobody@example.org"),
                identity("daemon@example.edu"),
                identity("conduit-no-such-user-7f3a@example.edu"),
                identity("nobody@elsewhere.com"),
                Identity.of("id-unused", "bin@example.org").with("status", "unused"));

        List<MappedAccount> accounts = GatewayIdentityMapper.create(config).mapAll(identitySet);

        assertThat(accounts).extracting(MappedAccount::identityId, MappedAccount::username)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("id-nobody@example.org", "nobody"));
    }

    @Test
    void mapAllWithTheDefaultMappingMapsEveryIdentityInTheDomain() throws Exception {
        List<MappedAccount> accounts = GatewayIdentityMapper.create(gateway("example.org").build())
                .mapAll(List.of(identity("alice@example.org"), identity("alice@gmail.com")));

        assertThat(accounts).extracting(MappedAccount::username).containsExactly("alice");
    }

    @Test
    void configurationIsReadFromAStorageGatewayDocument() throws Exception {
        JsonNode storageGateway = json("""
                {"DATA_TYPE": "storage_gateway#1.3.0", "id": "%s", "connector_id": "%s",
                 "allowed_domains": ["example.org", "example.edu"],
                 "identity_mappings": [{"DATA_TYPE": "expression_identity_mapping#1.0.0",
                   "mappings": [{"source": "{email}", "match": "(.*)@example\\\\.edu", "output": "{0}"}]}],
                 "users_allow": [], "users_deny": ["bob"]}
                """.formatted(GATEWAY, POSIX_CONNECTOR));

        GatewayMappingConfig config = GatewayMappingConfig.fromStorageGateway(storageGateway).build();

        assertThat(config.storageGatewayId()).isEqualTo(GATEWAY);
        assertThat(config.connectorId()).isEqualTo(POSIX_CONNECTOR);
        assertThat(config.usersDeny()).containsExactly("bob");
        assertThat(map(config, identity("alice@example.org").with("email", "alice@example.edu"))).isEqualTo("alice");
        assertThat(failure(config, identity("bob@example.org").with("email", "bob@example.edu")).reason())
                .isEqualTo(Reason.USER_DENIED);
    }
}
