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
import java.time.Duration;
import java.util.Map;
import org.conduit.manager.auth.LocalTokenIssuer;
import org.conduit.node.ConduitNode;
import org.conduit.node.Home;
import org.conduit.node.NodeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a real node started in-process on a fresh home, configured only by that home's
 * endpoint.json (CONDUIT_HOME), as an administrator on the node's host would use it.
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
            "--domain", "localhost", "--groups-deny", "wheel", "--field", "id").strip();
        assertThat(ok("storage-gateway", "list")).contains(gateway).contains("CLI lab storage").contains("POSIX");
        JsonNode shown = Json.MAPPER.readTree(ok("storage-gateway", "show", gateway, "--format", "json"));
        assertThat(shown.path("policies").path("groups_deny").path(0).asText()).isEqualTo("wheel");

        ok("storage-gateway", "update", "posix", gateway, "--groups-allow", "lab");
        JsonNode policies = Json.MAPPER.readTree(ok("storage-gateway", "show", gateway, "--field", "policies",
            "--format", "json"));
        assertThat(policies.path("groups_allow").path(0).asText()).isEqualTo("lab");
        assertThat(policies.path("groups_deny").path(0).asText()).isEqualTo("wheel");

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
