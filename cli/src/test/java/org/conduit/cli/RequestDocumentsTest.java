package org.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command lines become the GCS request documents, checked without any network. */
class RequestDocumentsTest {
    @TempDir
    Path dir;

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    /** Runs with no configuration at all: only mistakes found before connecting can end this way. */
    private CliRun runOffline(String... args) {
        return CliRun.run(Map.of(), dir, args);
    }

    @Test
    void posixGatewayCreateSendsConnectorIdCommonFieldsAndPosixPolicies() throws Exception {
        ObjectNode doc = CliRun.parse(StorageGatewayCommands.CreatePosix.class, "storage-gateway", "create", "posix",
            "--display-name", "Lab storage", "--domain", "example.org", "--domain", "partner.org",
            "--users-deny", "root,admin", "--groups-allow", "lab", "--high-assurance").request();
        assertThat(doc).isEqualTo(json("""
            {"DATA_TYPE": "storage_gateway#1.3.0", "display_name": "Lab storage",
             "allowed_domains": ["example.org", "partner.org"], "users_deny": ["root", "admin"],
             "high_assurance": true, "connector_id": "posix",
             "policies": {"DATA_TYPE": "posix_storage_policies#1.0.0", "groups_allow": ["lab"]}}
            """));
    }

    @Test
    void s3GatewayCreateSendsEndpointBucketsAndCredentialMode() throws Exception {
        ObjectNode doc = CliRun.parse(StorageGatewayCommands.CreateS3.class, "storage-gateway", "create", "s3",
            "--display-name", "S3", "--domain", "example.org", "--s3-endpoint", "https://s3.example.org",
            "--bucket", "a,b", "--no-s3-user-credential-required").request();
        assertThat(doc.path("connector_id").asText()).isEqualTo("s3");
        assertThat(doc.path("policies")).isEqualTo(json("""
            {"DATA_TYPE": "s3_storage_policies#1.3.0", "s3_endpoint": "https://s3.example.org",
             "s3_buckets": ["a", "b"], "s3_user_credential_required": false}
            """));
    }

    @Test
    void cephGatewayCreateReadsTheAdminSecretFromAFile() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s3cr3t\n");
        ObjectNode doc = CliRun.parse(StorageGatewayCommands.CreateCeph.class, "storage-gateway", "create", "ceph",
            "--display-name", "Ceph", "--domain", "example.org", "--s3-endpoint", "http://rgw:7480",
            "--ceph-admin-key-id", "ADMIN", "--ceph-admin-secret-key-file", secret.toString()).request();
        assertThat(doc.path("connector_id").asText()).isEqualTo("ceph");
        assertThat(doc.path("policies")).isEqualTo(json("""
            {"DATA_TYPE": "ceph_storage_policies#1.0.0", "s3_endpoint": "http://rgw:7480",
             "ceph_admin_key_id": "ADMIN", "ceph_admin_secret_key": "s3cr3t"}
            """));
    }

    @Test
    void cephAdminSecretInlineAndFromFileTogetherIsAUsageError() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "x");
        CliRun r = runOffline("storage-gateway", "create", "ceph", "--display-name", "Ceph", "--domain", "e.org",
            "--ceph-admin-secret-key", "y", "--ceph-admin-secret-key-file", secret.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not both");
    }

    @Test
    void hdfsGatewayCreateSendsTheDefaultFileSystem() {
        ObjectNode doc = CliRun.parse(StorageGatewayCommands.CreateHdfs.class, "storage-gateway", "create", "hdfs",
            "--display-name", "Hadoop", "--domain", "example.org", "--fs-default-fs", "hdfs://nn:8020").request();
        assertThat(doc.path("connector_id").asText()).isEqualTo("hdfs");
        assertThat(doc.path("policies").path("DATA_TYPE").asText()).isEqualTo("hdfs_storage_policies#1.0.0");
        assertThat(doc.path("policies").path("fs_default_fs").asText()).isEqualTo("hdfs://nn:8020");
    }

    @Test
    void identityMappingFilesAddOneOrManyMappingsAndRestrictPathsBecomeTyped() throws Exception {
        Path one = Files.writeString(dir.resolve("one.json"), """
            {"DATA_TYPE": "expression_identity_mapping#1.0.0", "mappings": [{"source": "{username}",
             "match": "(.*)@example.org", "output": "{0}"}]}""");
        Path many = Files.writeString(dir.resolve("many.json"), """
            [{"DATA_TYPE": "external_identity_mapping#1.0.0", "command": ["/usr/local/bin/map"]},
             {"DATA_TYPE": "expression_identity_mapping#1.0.0", "mappings": []}]""");
        Path paths = Files.writeString(dir.resolve("paths.json"), """
            {"read_write": ["$HOME"], "none": ["/etc"]}""");
        ObjectNode doc = CliRun.parse(StorageGatewayCommands.CreatePosix.class, "storage-gateway", "create", "posix",
            "--display-name", "x", "--domain", "example.org", "--identity-mapping", one.toString(),
            "--identity-mapping", many.toString(), "--restrict-paths", paths.toString()).request();
        assertThat(doc.path("identity_mappings")).extracting(m -> m.path("DATA_TYPE").asText()).containsExactly(
            "expression_identity_mapping#1.0.0", "external_identity_mapping#1.0.0",
            "expression_identity_mapping#1.0.0");
        assertThat(doc.path("restrict_paths")).isEqualTo(json("""
            {"DATA_TYPE": "path_restrictions#1.0.0", "read_write": ["$HOME"], "none": ["/etc"]}"""));
    }

    @Test
    void malformedJsonFileIsAUsageErrorNamingTheFile() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"read\": ");
        CliRun r = runOffline("storage-gateway", "create", "posix", "--display-name", "x", "--domain", "e.org",
            "--restrict-paths", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--restrict-paths " + bad).contains("not valid JSON");
    }

    @Test
    void gatewayCreateNeedsADisplayNameAndADomain() {
        CliRun noDomain = runOffline("storage-gateway", "create", "posix", "--display-name", "x");
        assertThat(noDomain.exit()).isEqualTo(2);
        assertThat(noDomain.err()).contains("--domain");
        CliRun noName = runOffline("storage-gateway", "create", "posix", "--domain", "example.org");
        assertThat(noName.exit()).isEqualTo(2);
        assertThat(noName.err()).contains("--display-name is required");
    }

    @Test
    void gatewayUpdateMergesPolicyOptionsIntoTheCurrentPolicies() throws Exception {
        StorageGatewayCommands.UpdatePosix update = CliRun.parse(StorageGatewayCommands.UpdatePosix.class,
            "storage-gateway", "update", "posix", "gw-1", "--groups-allow", "lab", "--users-allow", "");
        ObjectNode doc = update.request(json("""
            {"DATA_TYPE": "posix_storage_policies#1.0.0", "groups_allow": ["old"], "groups_deny": ["wheel"]}"""));
        assertThat(doc).isEqualTo(json("""
            {"DATA_TYPE": "storage_gateway#1.3.0", "users_allow": [],
             "policies": {"DATA_TYPE": "posix_storage_policies#1.0.0", "groups_allow": ["lab"],
                          "groups_deny": ["wheel"]}}"""));
    }

    @Test
    void gatewayUpdateWithoutPolicyOptionsLeavesPoliciesAlone() throws Exception {
        StorageGatewayCommands.UpdateS3 update = CliRun.parse(StorageGatewayCommands.UpdateS3.class,
            "storage-gateway", "update", "s3", "gw-1", "--display-name", "renamed");
        assertThat(update.request(Json.MAPPER.missingNode())).isEqualTo(json("""
            {"DATA_TYPE": "storage_gateway#1.3.0", "display_name": "renamed"}"""));
    }

    @Test
    void gatewayUpdateRefusesPolicyOptionsOfAnotherConnector() throws Exception {
        StorageGatewayCommands.UpdateS3 update = CliRun.parse(StorageGatewayCommands.UpdateS3.class,
            "storage-gateway", "update", "s3", "gw-1", "--bucket", "b");
        assertThatThrownBy(() -> update.request(json("{\"DATA_TYPE\": \"posix_storage_policies#1.0.0\"}")))
            .isInstanceOf(UsageError.class).hasMessageContaining("posix_storage_policies");
    }

    @Test
    void updateWithNothingToChangeIsAUsageError() {
        assertThat(runOffline("storage-gateway", "update", "posix", "gw-1").exit()).isEqualTo(2);
        assertThat(runOffline("collection", "update", "c-1").exit()).isEqualTo(2);
        CliRun endpoint = runOffline("endpoint", "update");
        assertThat(endpoint.exit()).isEqualTo(2);
        assertThat(endpoint.err()).contains("nothing to change");
    }

    @Test
    void mappedCollectionCreateSendsTheGatewayBasePathAndFlags() throws Exception {
        ObjectNode doc = CliRun.parse(CollectionCommands.Create.class, "collection", "create", "--type", "mapped",
            "--storage-gateway", "gw-1", "--base-path", "/project", "--display-name", "Project",
            "--allow-guest-collections", "--public", "--no-delete-protected").request();
        assertThat(doc).isEqualTo(json("""
            {"DATA_TYPE": "collection#1.16.0", "collection_type": "mapped", "storage_gateway_id": "gw-1",
             "collection_base_path": "/project", "display_name": "Project", "allow_guest_collections": true,
             "delete_protected": false, "public": true}"""));
    }

    @Test
    void guestCollectionCreateSendsTheMappedCollection() throws Exception {
        ObjectNode doc = CliRun.parse(CollectionCommands.Create.class, "collection", "create", "--type", "guest",
            "--mapped-collection", "m-1", "--base-path", "shared/alice", "--display-name", "Alice's share").request();
        assertThat(doc).isEqualTo(json("""
            {"DATA_TYPE": "collection#1.16.0", "collection_type": "guest", "mapped_collection_id": "m-1",
             "collection_base_path": "shared/alice", "display_name": "Alice's share"}"""));
    }

    @Test
    void collectionCreateRefusesOptionsOfTheOtherTypeBeforeConnecting() {
        CliRun guestWithGateway = runOffline("collection", "create", "--type", "guest", "--mapped-collection", "m",
            "--storage-gateway", "g", "--base-path", "/", "--display-name", "x");
        assertThat(guestWithGateway.exit()).isEqualTo(2);
        assertThat(guestWithGateway.err()).contains("for mapped collections");
        CliRun mappedWithoutGateway = runOffline("collection", "create", "--type", "mapped", "--base-path", "/",
            "--display-name", "x");
        assertThat(mappedWithoutGateway.exit()).isEqualTo(2);
        assertThat(mappedWithoutGateway.err()).contains("--storage-gateway");
        assertThat(runOffline("collection", "create", "--type", "shared", "--base-path", "/").exit()).isEqualTo(2);
    }

    @Test
    void collectionListPassesFiltersAsOneCommaSeparatedQuery() {
        CollectionCommands.ListCollections list = CliRun.parse(CollectionCommands.ListCollections.class,
            "collection", "list", "--filter", "mapped_collections,managed_by_me", "--filter", "created_by_me");
        assertThat(list.query()).containsExactly(Map.entry("filter", "mapped_collections,managed_by_me,created_by_me"));
    }

    @Test
    void endpointUpdateSendsOnlyTheGivenFields() throws Exception {
        ObjectNode doc = CliRun.parse(EndpointCommands.Update.class, "endpoint", "update", "--organization",
            "Example U", "--contact-email", "help@example.org", "--private", "--keywords", "genomics,hpc").request();
        assertThat(doc).isEqualTo(json("""
            {"DATA_TYPE": "endpoint#1.2.0", "organization": "Example U", "contact_email": "help@example.org",
             "keywords": ["genomics", "hpc"], "public": false}"""));
    }

    @Test
    void publicAndPrivateTogetherIsAUsageError() {
        CliRun r = runOffline("endpoint", "update", "--public", "--private");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("mutually exclusive");
    }

    @Test
    void roleCreateSendsARoleDocumentWithANullCollectionForEndpointRoles() throws Exception {
        ObjectNode endpointRole = CliRun.parse(RoleCommands.Create.class, "role", "create", "--role",
            "administrator", "--principal", "alice@example.org").request();
        assertThat(endpointRole).isEqualTo(json("""
            {"DATA_TYPE": "role#1.0.0", "principal": "alice@example.org", "collection": null,
             "role": "administrator"}"""));
        ObjectNode collectionRole = CliRun.parse(RoleCommands.Create.class, "role", "create", "--role",
            "access_manager", "--principal", "urn:globus:auth:identity:7d7d461b-bf9e-5451-bfe6-3b09089c6eab",
            "--collection", "c-1").request();
        assertThat(collectionRole.path("collection").asText()).isEqualTo("c-1");
        assertThat(runOffline("role", "create", "--role", "superuser", "--principal", "a@b").exit()).isEqualTo(2);
    }

    @Test
    void roleListAsksForOneCollectionOrAllRoles() {
        RoleCommands.ListRoles list = CliRun.parse(RoleCommands.ListRoles.class, "role", "list", "--collection", "c",
            "--all");
        assertThat(list.query()).containsExactly(Map.entry("collection_id", "c"), Map.entry("include", "all_roles"));
    }

    @Test
    void userCredentialCreateSendsS3KeysAsCredentialPolicies() throws Exception {
        Path secret = Files.writeString(dir.resolve("s3"), "SECRET\n");
        ObjectNode doc = CliRun.parse(UserCredentialCommands.Create.class, "user-credential", "create",
            "--storage-gateway", "gw-1", "--s3-key-id", "AKIA1", "--s3-secret-key-file", secret.toString()).request();
        assertThat(doc).isEqualTo(json("""
            {"DATA_TYPE": "user_credential#1.0.0", "storage_gateway_id": "gw-1",
             "policies": {"DATA_TYPE": "s3_user_credential_policies#1.2.0", "s3_key_id": "AKIA1",
                          "s3_secret_key": "SECRET"}}"""));
        CliRun half = runOffline("user-credential", "create", "--storage-gateway", "gw-1", "--s3-key-id", "AKIA1");
        assertThat(half.exit()).isEqualTo(2);
        assertThat(half.err()).contains("pairs");
    }

    @Test
    void tokenIssueSendsTheUsernameAndLifetimeInSeconds() throws Exception {
        assertThat(json(CliRun.parse(TokenCommands.Issue.class, "token", "issue", "alice", "--lifetime", "1h")
                .request().toString())).isEqualTo(json("""
                {"DATA_TYPE": "local_token_request#1.0.0", "username": "alice", "lifetime_seconds": 3600}"""));
        assertThat(CliRun.parse(TokenCommands.Issue.class, "token", "issue", "bob@example.org").request())
            .isEqualTo(json("{\"DATA_TYPE\": \"local_token_request#1.0.0\", \"username\": \"bob@example.org\"}"));
    }

    @Test
    void lifetimesAcceptShortFormsAndIsoDurationsAndRefuseTheRest() {
        TokenCommands.Lifetime lifetime = new TokenCommands.Lifetime();
        assertThat(lifetime.convert("90s").toSeconds()).isEqualTo(90);
        assertThat(lifetime.convert("30m").toSeconds()).isEqualTo(1800);
        assertThat(lifetime.convert("7d").toSeconds()).isEqualTo(7 * 86400);
        assertThat(lifetime.convert("600").toSeconds()).isEqualTo(600);
        assertThat(lifetime.convert("PT2H").toSeconds()).isEqualTo(7200);
        CliRun zero = runOffline("token", "issue", "alice", "--lifetime", "0");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("positive");
        assertThat(runOffline("token", "issue", "alice", "--lifetime", "soon").exit()).isEqualTo(2);
    }

    @Test
    void connectionAndOutputOptionsWorkBeforeOrAfterTheVerb() {
        Path ca = dir.resolve("ca.pem");
        EndpointCommands.Show before = CliRun.parse(EndpointCommands.Show.class, "--format", "json",
            "--ca-cert", ca.toString(), "endpoint", "show");
        EndpointCommands.Show after = CliRun.parse(EndpointCommands.Show.class, "endpoint", "show", "-F", "JSON",
            "--ca-cert", ca.toString());
        for (EndpointCommands.Show show : new EndpointCommands.Show[] {before, after}) {
            assertThat(show.root().format).isEqualTo(Output.Format.json);
            assertThat(show.root().caCert).isEqualTo(ca);
        }
    }

    @Test
    void everyVerbAnswersHelp() {
        for (String[] verb : new String[][] {{"endpoint", "update"}, {"storage-gateway", "create", "posix"},
                {"storage-gateway", "update", "ceph"}, {"collection", "create"}, {"role", "create"},
                {"user-credential", "create"}, {"token", "issue"}, {"whoami"}}) {
            String[] args = java.util.Arrays.copyOf(verb, verb.length + 1);
            args[verb.length] = "--help";
            CliRun r = runOffline(args);
            assertThat(r.exit()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).startsWith("Usage: conduit " + String.join(" ", verb));
        }
    }

    @Test
    void unknownVerbIsAUsageErrorWithASuggestion() {
        CliRun r = runOffline("collection", "lst");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("collection list");
        assertThat(runOffline("storage-gateway").exit()).isEqualTo(2);
    }
}
