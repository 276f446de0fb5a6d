package org.conduit.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.conduit.manager.auth.Principal;
import org.conduit.storage.tck.LocalUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The official Globus SDK for JavaScript ({@code @globus/sdk}, pinned in {@code src/test/js/package.json})
 * drives a real node's GCS Manager API over HTTPS: {@code src/test/js/gcs-sdk-compat.mjs} calls only the
 * SDK's {@code gcs.*} service functions and prints one JSON line per step. Every step must be ok.
 *
 * <p>Needs Node.js (>= 20) and npm on the PATH ({@code deploy/install-test-deps.sh} installs them); the npm
 * packages are installed from the committed lock file with {@code npm ci} when they are missing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class GlobusSdkCompatibilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);
    private static final Path JS_DIR = moduleDir().resolve("src/test/js");

    private static final TestNode NODE = new TestNode();
    private static final DropwizardAppExtension<NodeConfiguration> APP = NODE.app;
    private static final Path HOME = NODE.home;

    /** Surefire runs in the module folder and also passes it as {@code basedir}. */
    private static Path moduleDir() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    @Test
    void globusSdkDrivesTheManagerApi() throws Exception {
        ensureSdkInstalled();
        JsonNode endpointJson = JSON.readTree(HOME.resolve("endpoint.json").toFile());
        Path data = Files.createDirectories(HOME.resolve("sdk-data"));
        // Guest collections and user credentials act as a real local account: as root, a dedicated user.
        String researcher = LocalUsers.isRoot() ? LocalUsers.ensure("conduit-sdk").username()
            : LocalUsers.currentUser().username();

        Run run = run(List.of("node", "gcs-sdk-compat.mjs"), Map.of(
            "NODE_EXTRA_CA_CERTS", HOME.resolve("tls/ca.pem").toString(),
            "CONDUIT_MANAGER_URL", endpointJson.get("manager_url").asText(),
            "CONDUIT_TOKEN", Files.readString(HOME.resolve("admin.token")).strip(),
            "CONDUIT_ENDPOINT_ID", endpointJson.get("endpoint_id").asText(),
            "CONDUIT_DATA_DIR", data.toString(),
            "CONDUIT_USER_TOKEN", NODE.userToken(researcher),
            "CONDUIT_USER_IDENTITY_ID", Principal.identityId(researcher + "@localhost").toString()), SCRIPT_TIMEOUT);

        List<JsonNode> steps = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (String line : run.stdout().lines().toList()) {
            JsonNode step = parseStep(line);
            if (step == null) {
                other.add(line);
                continue;
            }
            steps.add(step);
            if (!step.path("ok").asBoolean(false)) {
                failing.add(line);
            }
        }
        System.out.println("gcs-sdk-compat.mjs (exit " + run.exitCode() + "):\n" + run.stdout() + run.stderr());

        assertThat(steps).as("step lines printed by gcs-sdk-compat.mjs; stderr:%n%s%nother output:%n%s",
            run.stderr(), String.join("\n", other)).isNotEmpty();
        assertThat(failing).as("Globus SDK steps that failed against the Manager API:%n%s%n", String.join("\n", failing))
            .isEmpty();
        assertThat(run.exitCode()).as("exit code of gcs-sdk-compat.mjs; stderr:%n%s", run.stderr()).isZero();
    }

    private static JsonNode parseStep(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(line);
            return node.has("step") && node.has("ok") ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** {@code npm ci} from the committed lock file unless the pinned SDK version is already installed. */
    private static void ensureSdkInstalled() throws Exception {
        String pinned = JSON.readTree(JS_DIR.resolve("package.json").toFile()).path("dependencies")
            .path("@globus/sdk").asText();
        Path installed = JS_DIR.resolve("node_modules/@globus/sdk/package.json");
        if (Files.exists(installed) && JSON.readTree(installed.toFile()).path("version").asText().equals(pinned)) {
            return;
        }
        Run npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), NPM_TIMEOUT);
        assertThat(npm.exitCode()).as("npm ci in %s:%n%s%n%s", JS_DIR, npm.stdout(), npm.stderr()).isZero();
        assertThat(JSON.readTree(installed.toFile()).path("version").asText()).isEqualTo(pinned);
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private static Run run(List<String> command, Map<String, String> env, Duration timeout) throws Exception {
        File out = File.createTempFile("sdk-compat-", ".out");
        File err = File.createTempFile("sdk-compat-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(JS_DIR.toFile())
                .redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().keySet().removeIf(k -> k.startsWith("CONDUIT_") || k.equals("NODE_OPTIONS"));
            pb.environment().putAll(env);
            Process process;
            try {
                process = pb.start();
            } catch (IOException e) {
                return fail("cannot run %s (is Node.js with npm installed? deploy/install-test-deps.sh installs them): %s",
                    command.get(0), e.getMessage());
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return fail("%s did not finish within %s; output so far:%n%s%n%s", String.join(" ", command), timeout,
                    Files.readString(out.toPath()), Files.readString(err.toPath()));
            }
            return new Run(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }
}
