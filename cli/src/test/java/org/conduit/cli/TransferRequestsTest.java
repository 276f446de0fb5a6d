package org.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acl and file verbs' command lines become Transfer API requests, checked without any network. */
class TransferRequestsTest {
    private static final String C = "9c2a7e6e-54f3-4c57-9b8a-0f6f1d3c2b11";

    @TempDir
    Path dir;

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    private CliRun runOffline(String... args) {
        return CliRun.run(Map.of(), dir, args);
    }

    @Test
    void aclCreateForAnIdentityPostsAnAccessDocument() throws Exception {
        ManagerClient.Call call = CliRun.parse(AclCommands.Create.class, "acl", "create", C, "--principal-type",
            "identity", "--principal", "alice@example.org", "--path", "/shared/", "--permissions", "rw",
            "--expiration", "2027-01-31T00:00:00Z", "--notify-email", "alice@example.org").request();
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/v0.10/endpoint/" + C + "/access");
        assertThat(call.body()).isEqualTo(json("""
            {"DATA_TYPE": "access", "principal_type": "identity", "principal": "alice@example.org",
             "path": "/shared/", "permissions": "rw", "expiration_date": "2027-01-31T00:00:00Z",
             "notify_email": "alice@example.org"}"""));
    }

    @Test
    void aclCreateForEveryoneSendsAnEmptyPrincipalAndADateBecomesMidnightUtc() throws Exception {
        ManagerClient.Call call = CliRun.parse(AclCommands.Create.class, "acl", "create", C, "--principal-type",
            "all_authenticated_users", "--path", "/", "--permissions", "r", "--expiration", "2027-01-31").request();
        assertThat(call.body()).isEqualTo(json("""
            {"DATA_TYPE": "access", "principal_type": "all_authenticated_users", "principal": "", "path": "/",
             "permissions": "r", "expiration_date": "2027-01-31T00:00:00Z"}"""));
    }

    @Test
    void aclCreateStripsAGroupUrnToTheGroupId() {
        ManagerClient.Call call = CliRun.parse(AclCommands.Create.class, "acl", "create", C, "--principal-type",
            "group", "--principal", "urn:globus:auth:group:0b1c2d3e-0000-4000-8000-000000000001", "--path", "/",
            "--permissions", "r").request();
        assertThat(call.body().path("principal").asText()).isEqualTo("0b1c2d3e-0000-4000-8000-000000000001");
    }

    @Test
    void aclCreateMistakesAreUsageErrorsBeforeConnecting() {
        CliRun noPrincipal = runOffline("acl", "create", C, "--principal-type", "identity", "--path", "/",
            "--permissions", "r");
        assertThat(noPrincipal.exit()).isEqualTo(2);
        assertThat(noPrincipal.err()).contains("needs --principal");
        CliRun anonymousWithPrincipal = runOffline("acl", "create", C, "--principal-type", "anonymous",
            "--principal", "bob@example.org", "--path", "/", "--permissions", "r");
        assertThat(anonymousWithPrincipal.exit()).isEqualTo(2);
        assertThat(anonymousWithPrincipal.err()).contains("leave out --principal");
        CliRun badPermissions = runOffline("acl", "create", C, "--principal-type", "anonymous", "--path", "/",
            "--permissions", "w");
        assertThat(badPermissions.exit()).isEqualTo(2);
        assertThat(badPermissions.err()).contains("--permissions");
        CliRun badTime = runOffline("acl", "create", C, "--principal-type", "anonymous", "--path", "/",
            "--permissions", "r", "--expiration", "next week");
        assertThat(badTime.exit()).isEqualTo(2);
        assertThat(badTime.err()).contains("2027-01-31T00:00:00Z");
    }

    @Test
    void aclListShowAndDeleteUseTheAccessListAndRulePaths() {
        assertThat(CliRun.parse(AclCommands.ListRules.class, "acl", "list", C).request())
            .isEqualTo(ManagerClient.Call.get("/v0.10/endpoint/" + C + "/access_list", Map.of()));
        assertThat(CliRun.parse(AclCommands.Show.class, "acl", "show", C, "rule-1").request())
            .isEqualTo(ManagerClient.Call.get("/v0.10/endpoint/" + C + "/access/rule-1", Map.of()));
        assertThat(CliRun.parse(AclCommands.Delete.class, "acl", "delete", C, "rule-1").request())
            .isEqualTo(ManagerClient.Call.delete("/v0.10/endpoint/" + C + "/access/rule-1"));
    }

    @Test
    void aclUpdatePutsOnlyTheChangedFieldsAndCanClearTheExpiration() throws Exception {
        ManagerClient.Call call = CliRun.parse(AclCommands.Update.class, "acl", "update", C, "rule-1",
            "--permissions", "rw").request();
        assertThat(call.method()).isEqualTo("PUT");
        assertThat(call.path()).isEqualTo("/v0.10/endpoint/" + C + "/access/rule-1");
        assertThat(call.body()).isEqualTo(json("{\"DATA_TYPE\": \"access\", \"permissions\": \"rw\"}"));
        assertThat(CliRun.parse(AclCommands.Update.class, "acl", "update", C, "rule-1", "--no-expiration").request()
            .body()).isEqualTo(json("{\"DATA_TYPE\": \"access\", \"expiration_date\": null}"));
        CliRun nothing = runOffline("acl", "update", C, "rule-1");
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("nothing to change");
    }

    @Test
    void lsHidesDotFilesByDefaultAndSendsThePathOnlyWhenGiven() {
        assertThat(CliRun.parse(FileCommands.Ls.class, "ls", C).page(0, Integer.MAX_VALUE)).isEqualTo(
            ManagerClient.Call.get("/v0.10/operation/endpoint/" + C + "/ls", Map.of("show_hidden", "0")));
        ManagerClient.Call call = CliRun.parse(FileCommands.Ls.class, "ls", C + ":/data/run 1", "--all",
            "--limit", "5").page(0, 5);
        assertThat(call.query()).containsExactly(Map.entry("path", "/data/run 1"), Map.entry("show_hidden", "1"),
            Map.entry("limit", "5"));
    }

    @Test
    void lsAsksForTheNextPageFromWhereThePreviousEnded() {
        ManagerClient.Call call = CliRun.parse(FileCommands.Ls.class, "ls", C + ":/").page(100_000,
            Integer.MAX_VALUE);
        assertThat(call.query()).containsExactly(Map.entry("path", "/"), Map.entry("show_hidden", "0"),
            Map.entry("offset", "100000"), Map.entry("limit", "100000"));
    }

    @Test
    void lsRefusesALimitBelowOne() {
        CliRun r = runOffline("ls", C, "--limit", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--limit must be at least 1");
    }

    @Test
    void pathsMayContainColonsAfterTheCollectionId() {
        assertThat(CollectionPath.parse(C + ":/a:b/c")).isEqualTo(new CollectionPath(C, "/a:b/c"));
        assertThat(CollectionPath.parse(C)).isEqualTo(new CollectionPath(C, null));
        assertThat(CollectionPath.parse(C + ":")).isEqualTo(new CollectionPath(C, null));
    }

    @Test
    void statMkdirAndRmNeedAPath() {
        for (String verb : new String[] {"stat", "mkdir", "rm"}) {
            CliRun r = runOffline(verb, C);
            assertThat(r.exit()).as(verb).isEqualTo(2);
            assertThat(r.err()).contains("conduit " + verb + " needs a path: write " + C + ":/PATH");
        }
        assertThat(runOffline("ls", ":/x").exit()).isEqualTo(2);
    }

    @Test
    void statGetsThePathAsAQueryParameter() {
        assertThat(CliRun.parse(FileCommands.Stat.class, "stat", C + ":/lab/results.csv").request()).isEqualTo(
            ManagerClient.Call.get("/v0.10/operation/endpoint/" + C + "/stat", Map.of("path", "/lab/results.csv")));
    }

    @Test
    void mkdirRenameAndRmPostTheirTransferDocuments() throws Exception {
        ManagerClient.Call mkdir = CliRun.parse(FileCommands.Mkdir.class, "mkdir", C + ":/a/b/c").request();
        assertThat(mkdir.path()).isEqualTo("/v0.10/operation/endpoint/" + C + "/mkdir");
        assertThat(mkdir.body()).isEqualTo(json("{\"DATA_TYPE\": \"mkdir\", \"path\": \"/a/b/c\"}"));

        ManagerClient.Call rename = CliRun.parse(FileCommands.Rename.class, "rename", C + ":/old", "/new").request();
        assertThat(rename.path()).isEqualTo("/v0.10/operation/endpoint/" + C + "/rename");
        assertThat(rename.body()).isEqualTo(json("""
            {"DATA_TYPE": "rename", "old_path": "/old", "new_path": "/new"}"""));
        assertThat(CliRun.parse(FileCommands.Rename.class, "rename", C + ":/old", C + ":/new").request().body()
            .path("new_path").asText()).isEqualTo("/new");

        ManagerClient.Call rm = CliRun.parse(FileCommands.Rm.class, "rm", C + ":/old", "-r").request();
        assertThat(rm.method()).isEqualTo("POST");
        assertThat(rm.path()).isEqualTo("/v0.10/operation/endpoint/" + C + "/delete");
        assertThat(rm.body()).isEqualTo(json("""
            {"DATA_TYPE": "delete", "path": "/old", "recursive": true}"""));
        assertThat(CliRun.parse(FileCommands.Rm.class, "rm", C + ":/f").request().body().path("recursive").asBoolean())
            .isFalse();
    }

    @Test
    void theNewVerbsAnswerHelp() {
        for (String[] verb : new String[][] {{"acl"}, {"acl", "list"}, {"acl", "create"}, {"acl", "show"},
                {"acl", "update"}, {"acl", "delete"}, {"ls"}, {"stat"}, {"mkdir"}, {"rename"}, {"rm"}}) {
            String[] args = java.util.Arrays.copyOf(verb, verb.length + 1);
            args[verb.length] = "--help";
            CliRun r = runOffline(args);
            assertThat(r.exit()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).startsWith("Usage: conduit " + String.join(" ", verb));
        }
    }
}
