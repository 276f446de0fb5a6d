package org.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.conduit.manager.auth.LocalTokenIssuer;
import org.conduit.node.ConduitNode;
import org.conduit.node.Home;
import org.conduit.node.NodeConfiguration;
import org.conduit.storage.tck.LocalUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a real node started in-process on a fresh home, configured only by that home's
 * endpoint.json (CONDUIT_HOME), as an administrator on the node's host would use it, and as researchers and
 * their collaborators would with tokens of their own ($CONDUIT_TOKEN).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliEndToEndTest {
    private static final Path HOME = tempDir("conduit-cli-home-");
    private static final DropwizardAppExtension<NodeConfiguration> NODE = new DropwizardAppExtension<>(
        ConduitNode.class, new Home(HOME).prepare("localhost").toString(),
        ConfigOverride.config("server.applicationConnectors[0].port", "0"),
        ConfigOverride.config("server.adminConnectors[0].port", "0"));

    @TempDir
    Path userHome;

    private Map<String, String> env;
    private String endpointId;

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void readEndpointJson() throws Exception {
        env = Map.of("CONDUIT_HOME", HOME.toString());
        endpointId = Json.MAPPER.readTree(HOME.resolve("endpoint.json").toFile()).get("endpoint_id").asText();
    }

    private CliRun conduit(String... args) {
        return CliRun.run(env, userHome, args);
    }

    /** Runs a command that must succeed, answering its stdout. */
    private String ok(String... args) {
        CliRun r = conduit(args);
        assertThat(r.exit()).as("conduit %s\n%s", String.join(" ", args), r.err()).isZero();
        return r.out();
    }

    /** Runs as the holder of {@code token} (given as $CONDUIT_TOKEN, which wins over the node's admin token). */
    private CliRun as(String token, String... args) {
        return CliRun.run(Map.of("CONDUIT_HOME", HOME.toString(), "CONDUIT_TOKEN", token), userHome, args);
    }

    /** Like {@link #as}, for a command that must succeed: answers its stdout. */
    private String okAs(String token, String... args) {
        CliRun r = as(token, args);
        assertThat(r.exit()).as("conduit %s\n%s", String.join(" ", args), r.err()).isZero();
        return r.out();
    }

    /** The researcher: a real local account (made when running as root), else the account running the tests. */
    private static String researcher() {
        return LocalUsers.isRoot() ? LocalUsers.ensure("conduit-cli-res").username()
            : LocalUsers.currentUser().username();
    }

    /**
     * What the administrator sets up through the CLI for sharing: a POSIX gateway for the local identity
     * domain and a mapped collection with guest collections allowed on {@code storage}; answers its id.
     */
    private String adminMakesAShareableMappedCollection(Path storage) {
        String gateway = ok("storage-gateway", "create", "posix", "--display-name", "CLI share storage",
            "--domain", "localhost", "--field", "id").strip();
        return ok("collection", "create", "--type", "mapped", "--storage-gateway", gateway, "--base-path",
            storage.toString(), "--display-name", "CLI shared storage", "--allow-guest-collections",
            "--field", "id").strip();
    }

    /** A storage folder others may traverse, with {@code name} inside it owned by the researcher only. */
    private static Path researchersFolder(Path storage, String name, String researcher) throws IOException {
        Path folder = Files.createDirectories(storage.resolve(name));
        Files.writeString(folder.resolve("results.csv"), "a,b\n1,2\n");
        LocalUsers.sh("chown", "-R", researcher, folder.toString());
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        return folder;
    }

    private static Path sharedStorage() throws IOException {
        return Files.createDirectories(Files.createTempDirectory("conduit-cli-share-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"))).resolve("storage"));
    }

    @Test
    void researcherSharesAFolderReadOnlyCollaboratorListsItAThirdIdentityAndWritesAreRefused() throws Exception {
        String researcher = researcher();
        Path storage = sharedStorage();
        Path lab = researchersFolder(storage, "lab", researcher);
        String mapped = adminMakesAShareableMappedCollection(storage);
        String researcherToken = ok("token", "issue", researcher).strip();
        String collabToken = ok("token", "issue", "collab").strip();
        String eveToken = ok("token", "issue", "eve").strip();

        String guest = okAs(researcherToken, "collection", "create", "--type", "guest", "--mapped-collection",
            mapped, "--base-path", "/lab", "--display-name", "Lab results", "--field", "id").strip();
        CliRun beforeSharing = as(collabToken, "ls", guest);
        assertThat(beforeSharing.exit()).isEqualTo(1);
        assertThat(beforeSharing.err()).contains("PermissionDenied");

        String created = okAs(researcherToken, "acl", "create", guest, "--principal-type", "identity",
            "--principal", "collab@localhost", "--path", "/", "--permissions", "r");
        assertThat(created).startsWith("Created access rule ").endsWith(": r for identity collab@localhost on /\n");
        JsonNode rules = Json.MAPPER.readTree(okAs(researcherToken, "acl", "list", guest, "--format", "json"));
        assertThat(rules).hasSize(1);
        assertThat(rules.path(0).path("permissions").asText()).isEqualTo("r");
        assertThat(rules.path(0).path("path").asText()).isEqualTo("/");
        assertThat(created).contains(rules.path(0).path("id").asText());

        String listing = okAs(collabToken, "ls", guest);
        assertThat(listing.lines().findFirst().orElseThrow())
            .isEqualTo("Type | Permissions | User" + " ".repeat(Math.max(0, researcher.length() - 4))
                + " | Size | Last Modified             | Name");
        assertThat(listing.lines().skip(2)).singleElement().asString().startsWith("file | 0")
            .contains(" | " + researcher + " | 8    | ").endsWith(" | results.csv");
        JsonNode files = Json.MAPPER.readTree(okAs(collabToken, "ls", guest + ":/", "--format", "json"));
        assertThat(files).extracting(f -> f.path("name").asText()).containsExactly("results.csv");

        CliRun eve = as(eveToken, "ls", guest);
        assertThat(eve.exit()).isEqualTo(1);
        assertThat(eve.out()).isEmpty();
        assertThat(eve.err()).startsWith("conduit: PermissionDenied: ").doesNotContain("results.csv")
            .contains("(HTTP 403 answering GET /v0.10/operation/endpoint/" + guest + "/ls; request_id ");
        assertThat(eve.all()).doesNotContain(eveToken);

        CliRun write = as(collabToken, "mkdir", guest + ":/intruder");
        assertThat(write.exit()).isEqualTo(1);
        assertThat(write.err()).contains("PermissionDenied")
            .contains("POST /v0.10/operation/endpoint/" + guest + "/mkdir");
        assertThat(lab.resolve("intruder")).doesNotExist();
    }

    @Test
    void guestCollectionOwnerManagesFilesAndPermissionsThroughTheCli() throws Exception {
        String researcher = researcher();
        Path storage = sharedStorage();
        Path lab = researchersFolder(storage, "lab", researcher);
        Files.writeString(lab.resolve(".hidden"), "x");
        LocalUsers.sh("chown", researcher, lab.resolve(".hidden").toString());
        String mapped = adminMakesAShareableMappedCollection(storage);
        String owner = ok("token", "issue", researcher).strip();
        String collab = ok("token", "issue", "collab").strip();
        String guest = okAs(owner, "collection", "create", "--type", "guest", "--mapped-collection", mapped,
            "--base-path", "/lab", "--display-name", "Lab work", "--field", "id").strip();

        assertThat(okAs(owner, "ls", guest, "--field", "name")).isEqualTo("results.csv\n");
        assertThat(okAs(owner, "ls", guest, "--all", "--field", "name")).isEqualTo(".hidden\nresults.csv\n");

        assertThat(okAs(owner, "mkdir", guest + ":/new/deep")).isEqualTo("Created folder " + guest + ":/new/deep\n");
        assertThat(Files.getOwner(lab.resolve("new/deep")).getName()).isEqualTo(researcher);
        CliRun again = as(owner, "mkdir", guest + ":/new/deep");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("ClientError.Conflict").contains("File exists");
        assertThat(okAs(owner, "stat", guest + ":/new/deep")).contains("Name:").contains("deep")
            .containsPattern("Type: +dir");
        assertThat(okAs(owner, "rename", guest + ":/new", "/renamed")).isEqualTo(
            "Renamed " + guest + ":/new to /renamed\n");
        assertThat(okAs(owner, "ls", guest + ":/renamed", "--field", "name")).isEqualTo("deep\n");
        CliRun notEmpty = as(owner, "rm", guest + ":/renamed");
        assertThat(notEmpty.exit()).isEqualTo(1);
        assertThat(lab.resolve("renamed/deep")).isDirectory();
        assertThat(okAs(owner, "rm", guest + ":/renamed", "-r")).isEqualTo("Deleted " + guest + ":/renamed\n");
        assertThat(lab.resolve("renamed")).doesNotExist();
        CliRun missing = as(owner, "stat", guest + ":/renamed");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("ClientError.NotFound").contains("conduit ls");

        Files.createDirectories(lab.resolve("inbox"));
        LocalUsers.sh("chown", researcher, lab.resolve("inbox").toString());
        String rule = okAs(owner, "acl", "create", guest, "--principal-type", "identity", "--principal",
            "collab@localhost", "--path", "/inbox/", "--permissions", "r", "--expiration", "2099-01-31",
            "--field", "access_id").strip();
        assertThat(okAs(owner, "acl", "show", guest, rule)).containsPattern("Permissions: +r\n")
            .containsPattern("Expiration Date: +2099-01-31T00:00:00Z");
        assertThat(as(collab, "mkdir", guest + ":/inbox/drop").exit()).isEqualTo(1);
        assertThat(okAs(owner, "acl", "update", guest, rule, "--permissions", "rw", "--no-expiration"))
            .isEqualTo("Updated access rule " + rule + "\n");
        assertThat(okAs(owner, "acl", "show", guest, rule, "--field", "permissions")).isEqualTo("rw\n");
        assertThat(okAs(owner, "acl", "show", guest, rule, "--format", "json")).contains("\"expiration_date\" : null");
        okAs(collab, "mkdir", guest + ":/inbox/drop");
        assertThat(Files.getOwner(lab.resolve("inbox/drop")).getName()).isEqualTo(researcher);

        CliRun collabManages = as(collab, "acl", "list", guest);
        assertThat(collabManages.exit()).isEqualTo(1);
        assertThat(collabManages.err()).contains("PermissionDenied").contains("owner and its access managers");

        assertThat(okAs(owner, "acl", "delete", guest, rule)).isEqualTo("Deleted access rule " + rule + "\n");
        assertThat(okAs(owner, "acl", "list", guest, "--field", "id")).isEmpty();
        assertThat(as(collab, "ls", guest + ":/inbox").exit()).isEqualTo(1);
        CliRun gone = as(owner, "acl", "show", guest, rule);
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("ClientError.NotFound").contains("conduit acl list");
    }

    @Test
    void aclVerbsOnAMappedCollectionReportTheNodesInvalidInput() throws Exception {
        String mapped = adminMakesAShareableMappedCollection(sharedStorage());
        CliRun r = conduit("acl", "list", mapped);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("ClientError.BadRequest").contains("guest collections");
    }

    @Test
    void aUserRevokesTheirOwnTokenAndItStopsWorking() throws Exception {
        String token = ok("token", "issue", "dora", "--lifetime", "1h").strip();
        assertThat(okAs(token, "whoami")).contains("dora@localhost");
        Path file = Files.createTempFile(userHome, "token", ".txt");
        Files.writeString(file, token);
        assertThat(okAs(token, "token", "revoke", file.toString())).contains("revoked the token of dora@localhost");
        CliRun refused = as(token, "whoami");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out() + refused.err()).doesNotContain(token);
    }

    @Test
    void endpointShowPrintsTheNodesEndpointDocument() {
        String out = ok("endpoint", "show");
        assertThat(out).contains("ID:").contains(endpointId).contains("Display Name:");
        String json = ok("endpoint", "show", "--format", "json");
        assertThat(json).contains("\"DATA_TYPE\" : \"endpoint#1.2.0\"");
    }

    @Test
    void endpointUpdateChangesTheGivenFields() {
        ok("endpoint", "update", "--organization", "Example University", "--contact-email", "help@example.org");
        assertThat(ok("endpoint", "show", "--field", "organization")).isEqualTo("Example University\n");
        assertThat(ok("endpoint", "show", "--field", "contact_email")).isEqualTo("help@example.org\n");
    }

    @Test
    void administratorCreatesListsShowsAndDeletesAPosixGatewayAndAMappedCollection() throws Exception {
        String gateway = ok("storage-gateway", "create", "posix", "--display-name", "CLI lab storage",
            "--domain", "localhost", "--groups-deny", "nogroup", "--field", "id").strip();
        assertThat(ok("storage-gateway", "list")).contains(gateway).contains("CLI lab storage").contains("POSIX");
        JsonNode shown = Json.MAPPER.readTree(ok("storage-gateway", "show", gateway, "--format", "json"));
        assertThat(shown.path("policies").path("groups_deny").path(0).asText()).isEqualTo("nogroup");

        ok("storage-gateway", "update", "posix", gateway, "--groups-allow", "users");
        JsonNode policies = Json.MAPPER.readTree(ok("storage-gateway", "show", gateway, "--field", "policies",
            "--format", "json"));
        assertThat(policies.path("groups_allow").path(0).asText()).isEqualTo("users");
        assertThat(policies.path("groups_deny").path(0).asText()).isEqualTo("nogroup");

        Path folder = Files.createDirectories(tempDir("conduit-cli-collection-").resolve("project"));
        String collection = ok("collection", "create", "--type", "mapped", "--storage-gateway", gateway,
            "--base-path", folder.toString(), "--display-name", "CLI project", "--field", "id").strip();
        assertThat(ok("collection", "show", collection)).contains("Collection Base Path:").contains(folder.toString())
            .contains("Storage Gateway ID:").contains(gateway);
        assertThat(ok("collection", "list", "--filter", "mapped_collections", "--field", "id")).contains(collection);

        CliRun stillUsed = conduit("storage-gateway", "delete", gateway);
        assertThat(stillUsed.exit()).isEqualTo(1);
        assertThat(stillUsed.err()).contains("ResourceConflict");

        CliRun protectedCollection = conduit("collection", "delete", collection);
        assertThat(protectedCollection.exit()).isEqualTo(1);
        assertThat(protectedCollection.err()).contains("ResourceConflict").contains("delete_protected");
        ok("collection", "update", collection, "--no-delete-protected");
        assertThat(ok("collection", "delete", collection)).isEqualTo("Deleted collection " + collection + "\n");
        assertThat(ok("storage-gateway", "delete", gateway)).isEqualTo("Deleted storage gateway " + gateway + "\n");

        CliRun gone = conduit("collection", "show", collection);
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("CollectionNotFound").contains("check the id");
        assertThat(ok("storage-gateway", "list", "--field", "id")).doesNotContain(gateway);
    }

    @Test
    void nonAdministratorGetsExitCode1WithMissingRequiredRole() throws Exception {
        String token = new LocalTokenIssuer(HOME.resolve("keys"), "https://localhost/" + endpointId, endpointId)
            .issue("mallory@localhost", Duration.ofMinutes(10));
        CliRun r = CliRun.run(Map.of("CONDUIT_HOME", HOME.toString(), "CONDUIT_TOKEN", token), userHome,
            "storage-gateway", "create", "posix", "--display-name", "not mine", "--domain", "localhost");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("MissingRequiredRole").contains("(HTTP 403 answering POST /api/storage_gateways)")
            .contains("conduit whoami");
        assertThat(r.all()).doesNotContain(token);
        assertThat(ok("storage-gateway", "list")).doesNotContain("not mine");
    }

    @Test
    void invalidInputFromTheNodeNamesTheFieldAtFault() {
        CliRun r = conduit("collection", "create", "--type", "mapped", "--storage-gateway",
            "00000000-0000-0000-0000-000000000000", "--base-path", "relative/path", "--display-name", "x");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).containsAnyOf("StorageGatewayNotFound", "InvalidInput");
    }
}
