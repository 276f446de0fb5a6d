package org.conduit.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.conduit.storage.tck.LocalUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sharing story end to end: a sysadmin makes a mapped collection, a researcher (a real local user) shares
 * a folder as a guest collection with a collaborator who has no local account, the collaborator reads it,
 * a third identity is refused, and file operations run as the researcher's account.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharingScenarioTest {
    private static final TestNode NODE = new TestNode();
    private static final DropwizardAppExtension<NodeConfiguration> APP = NODE.app;

    private String researcher;
    private ApiClient admin;
    private ApiClient owner;
    private ApiClient collaborator;
    private ApiClient stranger;
    private Path projectDir;
    private String mappedId;

    @BeforeAll
    void sysadminMakesAMappedCollection() throws Exception {
        researcher = LocalUsers.isRoot() ? LocalUsers.ensure("conduit-researcher").username()
            : LocalUsers.currentUser().username();
        admin = NODE.admin();
        owner = NODE.user(researcher);
        collaborator = NODE.user("collab");
        stranger = NODE.user("eve");
        Path storage = Files.createDirectories(NODE.home.resolve("project-storage"));
        projectDir = Files.createDirectories(storage.resolve("lab"));
        Files.writeString(projectDir.resolve("results.csv"), "a,b\n1,2\n");
        LocalUsers.sh("chown", "-R", researcher, projectDir.toString());
        Files.setPosixFilePermissions(projectDir, PosixFilePermissions.fromString("rwx------"));
        String gateway = NODE.endpointJson().get("default_collection_id").asText();
        String gatewayId = admin.get("/api/collections/" + gateway).first().path("storage_gateway_id").asText();
        ApiClient.Reply mapped = admin.post("/api/collections", """
            {"DATA_TYPE": "collection#1.16.0", "collection_type": "mapped", "display_name": "Project storage",
             "storage_gateway_id": "%s", "collection_base_path": "%s", "allow_guest_collections": true}
            """.formatted(gatewayId, storage));
        assertThat(mapped.status()).as(mapped.body().toString()).isEqualTo(201);
        mappedId = mapped.first().path("id").asText();
    }

    private String ls(ApiClient who, String collection, String path) throws Exception {
        return who.get("/v0.10/operation/endpoint/" + collection + "/ls?path=" + path).raw().body();
    }

    @Test
    void researcherSharesAFolderCollaboratorReadsItAndAThirdIdentityIsRefused() throws Exception {
        ApiClient.Reply guest = owner.post("/api/collections", """
            {"DATA_TYPE": "collection#1.16.0", "collection_type": "guest", "display_name": "Lab results",
             "mapped_collection_id": "%s", "collection_base_path": "/lab"}
            """.formatted(mappedId));
        assertThat(guest.status()).as(guest.body().toString()).isEqualTo(201);
        String guestId = guest.first().path("id").asText();

        assertThat(collaborator.get("/v0.10/operation/endpoint/" + guestId + "/ls?path=/").status()).isEqualTo(403);
        ApiClient.Reply rule = owner.post("/v0.10/endpoint/" + guestId + "/access", """
            {"DATA_TYPE": "access", "principal_type": "identity", "principal": "collab@localhost",
             "path": "/", "permissions": "r"}
            """);
        assertThat(rule.status()).as(rule.body().toString()).isEqualTo(201);
        assertThat(rule.body().path("access_id").asText()).isNotEmpty();

        ApiClient.Reply listing = collaborator.get("/v0.10/operation/endpoint/" + guestId + "/ls?path=/");
        assertThat(listing.status()).as(listing.body().toString()).isEqualTo(200);
        assertThat(listing.body().path("DATA").path(0).path("name").asText()).isEqualTo("results.csv");
        assertThat(listing.body().path("DATA").path(0).path("user").asText()).isEqualTo(researcher);

        ApiClient.Reply refused = stranger.get("/v0.10/operation/endpoint/" + guestId + "/ls?path=/");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("code").asText()).isEqualTo("PermissionDenied");
        assertThat(ls(stranger, guestId, "/")).doesNotContain("results.csv");

        ApiClient.Reply write = collaborator.post("/v0.10/operation/endpoint/" + guestId + "/mkdir",
            "{\"DATA_TYPE\": \"mkdir\", \"path\": \"/intruder\"}");
        assertThat(write.status()).isEqualTo(403);
        assertThat(projectDir.resolve("intruder")).doesNotExist();

        assertThat(stranger.get("/v0.10/endpoint/" + guestId + "/access_list").status()).isEqualTo(403);
        assertThat(owner.get("/v0.10/endpoint/" + guestId + "/access_list").body().path("DATA")).hasSize(1);
    }

    @Test
    void aGuestCollectionCannotReachOutsideItsMappedCollection() throws Exception {
        ApiClient.Reply escape = owner.post("/api/collections", """
            {"collection_type": "guest", "display_name": "escape", "mapped_collection_id": "%s",
             "collection_base_path": "/../../etc"}
            """.formatted(mappedId));
        assertThat(escape.status()).isEqualTo(400);
        assertThat(escape.body().path("code").asText()).isEqualTo("InvalidPath");
        ApiClient.Reply missing = owner.post("/api/collections", """
            {"collection_type": "guest", "display_name": "missing", "mapped_collection_id": "%s",
             "collection_base_path": "/no-such-folder"}
            """.formatted(mappedId));
        assertThat(missing.status()).isEqualTo(400);
        ApiClient.Reply foreignCredential = owner.post("/api/collections", """
            {"collection_type": "guest", "display_name": "borrowed", "mapped_collection_id": "%s",
             "collection_base_path": "/lab", "user_credential_id": "%s"}
            """.formatted(mappedId, java.util.UUID.randomUUID()));
        assertThat(foreignCredential.status()).isEqualTo(400);
        assertThat(foreignCredential.body().path("detail").path("errors").path(0).path("property").asText())
            .isEqualTo("user_credential_id");
        assertThat(admin.get("/api/collections?filter=guest_collections").body().path("data"))
            .noneSatisfy(c -> assertThat(c.path("display_name").asText()).isIn("escape", "missing", "borrowed"));
    }

    @Test
    void aReaderCannotGrantHimselfOrOthersMoreAccess() throws Exception {
        String guestId = owner.post("/api/collections", """
            {"collection_type": "guest", "display_name": "read only share", "mapped_collection_id": "%s",
             "collection_base_path": "/lab"}
            """.formatted(mappedId)).first().path("id").asText();
        owner.post("/v0.10/endpoint/" + guestId + "/access",
            "{\"principal_type\": \"identity\", \"principal\": \"collab@localhost\", \"path\": \"/\", \"permissions\": \"r\"}");
        ApiClient.Reply escalate = collaborator.post("/v0.10/endpoint/" + guestId + "/access",
            "{\"principal_type\": \"identity\", \"principal\": \"collab@localhost\", \"path\": \"/\", \"permissions\": \"rw\"}");
        assertThat(escalate.status()).isEqualTo(403);
        ApiClient.Reply role = collaborator.post("/api/roles", """
            {"principal": "collab@localhost", "collection": "%s", "role": "access_manager"}
            """.formatted(guestId));
        assertThat(role.status()).isEqualTo(403);
        assertThat(owner.get("/v0.10/endpoint/" + guestId + "/access_list").body().path("DATA")).hasSize(1);
        ApiClient.Reply badRule = owner.post("/v0.10/endpoint/" + guestId + "/access",
            "{\"principal_type\": \"identity\", \"principal\": \"x@localhost\", \"path\": \"no-slash\", \"permissions\": \"rwx\"}");
        assertThat(badRule.status()).isEqualTo(400);
        assertThat(badRule.body().path("code").asText()).isEqualTo("ClientError.BadRequest");
    }

    @Test
    void aSharingPolicyBoundsWhatTheResearcherCanShare() throws Exception {
        ApiClient.Reply policy = admin.post("/api/sharing_policies", """
            {"DATA_TYPE": "sharing_policy#1.0.0", "collection_id": "%s", "users": ["%s"],
             "sharing_restrict_paths": {"DATA_TYPE": "path_restrictions#1.0.0", "read": ["/lab"]}}
            """.formatted(mappedId, researcher));
        assertThat(policy.status()).as(policy.body().toString()).isEqualTo(200);
        String policyId = policy.first().path("id").asText();
        try {
            assertThat(user("nobody-special").get("/api/sharing_policies/" + policyId).status()).isEqualTo(403);
            Files.createDirectories(projectDir.getParent().resolve("other"));
            ApiClient.Reply outside = owner.post("/api/collections", """
                {"collection_type": "guest", "display_name": "outside policy", "mapped_collection_id": "%s",
                 "collection_base_path": "/other"}
                """.formatted(mappedId));
            assertThat(outside.status()).isEqualTo(403);
            String guestId = owner.post("/api/collections", """
                {"collection_type": "guest", "display_name": "read-only by policy", "mapped_collection_id": "%s",
                 "collection_base_path": "/lab"}
                """.formatted(mappedId)).first().path("id").asText();
            owner.post("/v0.10/endpoint/" + guestId + "/access",
                "{\"principal_type\": \"identity\", \"principal\": \"collab@localhost\", \"path\": \"/\", \"permissions\": \"rw\"}");
            assertThat(collaborator.get("/v0.10/operation/endpoint/" + guestId + "/ls?path=/").status()).isEqualTo(200);
            ApiClient.Reply write = collaborator.post("/v0.10/operation/endpoint/" + guestId + "/mkdir",
                "{\"path\": \"/capped\"}");
            assertThat(write.status()).isEqualTo(403);
            assertThat(projectDir.resolve("capped")).doesNotExist();
        } finally {
            assertThat(admin.send("DELETE", "/api/sharing_policies/" + policyId, null).status()).isEqualTo(200);
        }
    }

    private ApiClient user(String name) throws Exception {
        return NODE.user(name);
    }

    @Test
    void fileOperationsOnAMappedCollectionRunAsTheMappedAccount() throws Exception {
        String base = "/v0.10/operation/endpoint/" + mappedId;
        ApiClient.Reply mkdir = owner.post(base + "/mkdir", "{\"DATA_TYPE\": \"mkdir\", \"path\": \"/lab/new/deep\"}");
        assertThat(mkdir.status()).as(mkdir.body().toString()).isEqualTo(202);
        assertThat(mkdir.body().path("code").asText()).isEqualTo("DirectoryCreated");
        assertThat(Files.getOwner(projectDir.resolve("new/deep")).getName()).isEqualTo(researcher);
        assertThat(owner.post(base + "/mkdir", "{\"path\": \"/lab/new/deep\"}").status()).isEqualTo(409);
        ApiClient.Reply renamed = owner.post(base + "/rename",
            "{\"DATA_TYPE\": \"rename\", \"old_path\": \"/lab/new\", \"new_path\": \"/lab/renamed\"}");
        assertThat(renamed.body().path("code").asText()).isEqualTo("FileRenamed");
        ApiClient.Reply stat = owner.get(base + "/stat?path=/lab/renamed/deep");
        assertThat(stat.body().path("type").asText()).isEqualTo("dir");
        assertThat(owner.post(base + "/delete", "{\"path\": \"/lab/renamed\", \"recursive\": true}").status())
            .isEqualTo(200);
        assertThat(projectDir.resolve("renamed")).doesNotExist();
    }

    @Test
    void recursiveDeleteAndMoveCannotReachWhatRestrictPathsKeep() throws Exception {
        Path storage = Files.createDirectories(NODE.home.resolve("restricted"));
        Path secret = Files.createDirectories(storage.resolve("proj/secret"));
        Files.writeString(secret.resolve("keep.txt"), "kept");
        LocalUsers.sh("chown", "-R", researcher, storage.toString());
        ApiClient.Reply gateway = admin.post("/api/storage_gateways", """
            {"display_name": "restricted", "connector_id": "posix", "allowed_domains": ["localhost"],
             "restrict_paths": {"DATA_TYPE": "path_restrictions#1.0.0", "read_write": ["%s"], "none": ["%s"]}}
            """.formatted(storage, secret));
        assertThat(gateway.status()).as(gateway.body().toString()).isEqualTo(201);
        String collection = admin.post("/api/collections", """
            {"collection_type": "mapped", "display_name": "restricted", "storage_gateway_id": "%s",
             "collection_base_path": "%s"}
            """.formatted(gateway.first().path("id").asText(), storage)).first().path("id").asText();
        String base = "/v0.10/operation/endpoint/" + collection;
        assertThat(owner.get(base + "/ls?path=/proj/secret").status()).isEqualTo(403);
        ApiClient.Reply delete = owner.post(base + "/delete", "{\"path\": \"/proj\", \"recursive\": true}");
        assertThat(delete.status()).isEqualTo(403);
        ApiClient.Reply move = owner.post(base + "/rename",
            "{\"old_path\": \"/proj\", \"new_path\": \"/proj2\"}");
        assertThat(move.status()).isEqualTo(403);
        assertThat(secret.resolve("keep.txt")).hasContent("kept");
    }

    @Test
    void hostilePathsAreRefusedWithTransferErrors() throws Exception {
        String base = "/v0.10/operation/endpoint/" + mappedId;
        ApiClient.Reply climb = owner.get(base + "/ls?path=/../../etc");
        assertThat(climb.status()).isEqualTo(400);
        assertThat(climb.body().path("code").asText()).isEqualTo("ClientError.BadRequest");
        ApiClient.Reply missing = owner.get(base + "/stat?path=/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("code").asText()).isEqualTo("ClientError.NotFound");
    }

    @Test
    void aStrangerWhoIsNotALocalUserCannotUseTheMappedCollection() throws Exception {
        ApiClient.Reply r = stranger.get("/v0.10/operation/endpoint/" + mappedId + "/ls?path=/");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body().path("message").asText()).contains("eve");
    }
}
