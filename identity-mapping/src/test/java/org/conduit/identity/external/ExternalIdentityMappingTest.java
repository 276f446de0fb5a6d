package org.conduit.identity.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.conduit.identity.TestDocuments.JSON;
import static org.conduit.identity.TestDocuments.externalDocument;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.conduit.identity.Identity;
import org.conduit.identity.IdentityMapping;
import org.conduit.identity.IdentityMappingException;
import org.conduit.identity.IdentityMappingException.Reason;
import org.conduit.identity.MappingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real shell scripts as mapping programs. */
class ExternalIdentityMappingTest {

    private static final String CONNECTOR = "145812c8-decc-41f1-83cf-bb2a85a2a70b";
    private static final String GATEWAY = "6f0d5f8e-0c1a-4b55-9a3e-2d6c8c0d1e21";
    private static final String OUTPUT = "identity_mapping_output#1.0.0";
    private static final Identity ALICE = Identity.of("9cf5a1d2-41c4-4925-b0bb-f5e0a16c98ab", "alice@example.org")
            .with("status", "used");
    private static final Identity BOB = Identity.of("67c31064-1e5f-4d78-b687-5fbea3d3e05a", "bob@example.edu")
            .with("status", "used");

    @TempDir
    Path dir;

    private MappingContext context = MappingContext.of(CONNECTOR, GATEWAY);

    private Path script(String body) throws IOException {
        Path script = dir.resolve("map-identity");
        Files.writeString(script, "#!/bin/sh\nhere=\"$(dirname \"$0\")\"\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private IdentityMapping mapping(Path program, String... arguments) throws IdentityMappingException {
        return IdentityMapping.fromDocument(externalDocument(program, arguments), context);
    }

    private static String answer(String id, String output) {
        return "printf '%s' '{\"DATA_TYPE\": \"" + OUTPUT + "\", \"result\": [{\"id\": \"" + id + "\", \"output\": \""
                + output + "\"}]}'";
    }

    private static IdentityMappingException failure(ThrowingRunnable action) {
        try {
            action.run();
        } catch (IdentityMappingException e) {
            assertThat(e.reason()).isEqualTo(Reason.MAPPING_PROGRAM_FAILED);
            return e;
        }
        throw new AssertionError("mapping did not fail");
    }

    private interface ThrowingRunnable {
        void run() throws IdentityMappingException;
    }

    @Test
    void goodProgramMapsTheIdentityAndGetsConnectorAndGatewayArguments() throws Exception {
        Path program = script("echo \"$@\" > \"$here/args\"\ncat > \"$here/stdin\"\n" + answer(ALICE.id(), "alice"));

        assertThat(mapping(program, "--site", "42").map(ALICE)).contains("alice");

        assertThat(Files.readString(dir.resolve("args")).strip()).isEqualTo("--site 42 -c " + CONNECTOR + " -s " + GATEWAY);
        JsonNode input = JSON.readTree(dir.resolve("stdin").toFile());
        assertThat(input.get("DATA_TYPE").asText()).isEqualTo("identity_mapping_input#1.0.0");
        assertThat(input.get("identities")).hasSize(1);
        assertThat(input.get("identities").get(0).get("username").asText()).isEqualTo("alice@example.org");
        assertThat(input.get("identities").get(0).get("status").asText()).isEqualTo("used");
    }

    @Test
    void onlyTheFirstResultIsUsed() throws Exception {
        Path program = script("cat > /dev/null\nprintf '%s' '{\"DATA_TYPE\": \"" + OUTPUT + "\", \"result\": ["
                + "{\"id\": \"" + ALICE.id() + "\", \"output\": \"first\"}, {\"id\": \"" + ALICE.id() + "\", \"output\": \"second\"}]}'");

        assertThat(mapping(program).map(ALICE)).contains("first");
    }

    @Test
    void mapAllPassesDashAAndReturnsEveryResult() throws Exception {
        Path program = script("echo \"$@\" > \"$here/args\"\ncat > \"$here/stdin\"\n"
                + "printf '%s' '{\"DATA_TYPE\": \"" + OUTPUT + "\", \"result\": ["
                + "{\"id\": \"" + ALICE.id() + "\", \"output\": \"alice\"},"
                + "{\"id\": \"" + BOB.id().toUpperCase() + "\", \"output\": \"bob\"},"
                + "{\"id\": \"" + ALICE.id() + "\", \"output\": \"shared\"}]}'");

        Map<String, List<String>> mapped = mapping(program).mapAll(List.of(ALICE, BOB));

        assertThat(mapped).containsExactly(
                Map.entry(ALICE.id(), List.of("alice", "shared")),
                Map.entry(BOB.id(), List.of("bob")));
        assertThat(Files.readString(dir.resolve("args")).strip()).endsWith("-s " + GATEWAY + " -a");
        assertThat(JSON.readTree(dir.resolve("stdin").toFile()).get("identities")).hasSize(2);
    }

    @Test
    void emptyResultMeansUnmapped() throws Exception {
        Path program = script("cat > /dev/null\nprintf '%s' '{\"DATA_TYPE\": \"" + OUTPUT + "\", \"result\": []}'");

        assertThat(mapping(program).map(ALICE)).isEmpty();
        assertThat(mapping(program).mapAll(List.of(ALICE))).isEmpty();
    }

    @Test
    void noOutputAtAllMeansUnmapped() throws Exception {
        assertThat(mapping(script("cat > /dev/null")).map(ALICE)).isEmpty();
    }

    @Test
    void hangingProgramIsKilledAfterTimeoutWithItsChildren() throws Exception {
        context = context.withExternalProgramTimeout(Duration.ofMillis(700));
        Path program = script("sleep 60 &\necho $! > \"$here/child.pid\"\nwait");
        IdentityMapping mapping = mapping(program);

        long start = System.nanoTime();
        IdentityMappingException e = failure(() -> mapping.map(ALICE));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e.getMessage()).contains("did not finish within 700 ms", program.toString());
        assertThat(elapsed).isLessThan(Duration.ofSeconds(3));
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).strip());
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (isRunning(child) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(isRunning(child)).as("the program's child 'sleep 60' was killed too").isFalse();
    }

    @Test
    void garbageOutputIsAnError() throws Exception {
        Path program = script("cat > /dev/null\necho 'alice'");

        IdentityMappingException e = failure(() -> mapping(program).map(ALICE));

        assertThat(e.getMessage()).contains("invalid " + OUTPUT, "not JSON");
    }

    @Test
    void outputWithTheWrongDataTypeIsAnError() throws Exception {
        Path program = script("cat > /dev/null\nprintf '%s' '{\"DATA_TYPE\": \"identity_mapping_input#1.0.0\", \"result\": []}'");

        assertThat(failure(() -> mapping(program).map(ALICE)).getMessage()).contains("DATA_TYPE");
    }

    @Test
    void resultWithoutOutputFieldIsAnError() throws Exception {
        Path program = script("cat > /dev/null\nprintf '%s' '{\"result\": [{\"id\": \"" + ALICE.id() + "\"}]}'");

        assertThat(failure(() -> mapping(program).map(ALICE)).getMessage()).contains("'id' and 'output'");
    }

    @Test
    void hugeOutputIsAnErrorNotAnOutOfMemory() throws Exception {
        Path program = script("cat > /dev/null\nyes | head -c 50000000");

        long start = System.nanoTime();
        IdentityMappingException e = failure(() -> mapping(program).map(ALICE));

        assertThat(e.getMessage()).contains("more than " + MappingContext.DEFAULT_PROGRAM_OUTPUT_LIMIT + " bytes on stdout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void nonZeroExitIsAnErrorWithAnExcerptOfStderr() throws Exception {
        Path program = script("cat > /dev/null\necho 'ldap server ldap.example.org unreachable' >&2\nexit 3");

        IdentityMappingException e = failure(() -> mapping(program).map(ALICE));

        assertThat(e.getMessage()).contains("exited with status 3", "ldap server ldap.example.org unreachable");
    }

    @Test
    void stderrExcerptIsBounded() throws Exception {
        Path program = script("cat > /dev/null\nhead -c 100000 /dev/zero | tr '\\0' 'e' >&2\nexit 1");

        IdentityMappingException e = failure(() -> mapping(program).map(ALICE));

        assertThat(e.getMessage()).hasSizeLessThan(2000).contains("eeee", "[...]");
    }

    @Test
    void programArgumentsNeverAppearInErrors() throws Exception {
        Path program = script("exit 2");

        IdentityMappingException e = failure(() -> mapping(program, "--bind-password", "hunter2").map(ALICE));

        assertThat(e.getMessage()).contains(program.toString()).doesNotContain("hunter2");
    }

    @Test
    void resultForAnotherIdentityIsRejected() throws Exception {
        Path program = script("cat > /dev/null\n" + answer(BOB.id(), "bob"));

        IdentityMappingException e = failure(() -> mapping(program).map(ALICE));

        assertThat(e.getMessage()).contains("answered for identity " + BOB.id(), "asked about " + ALICE.id());
    }

    @Test
    void mapAllResultForAnIdentityNotGivenIsRejected() throws Exception {
        Path program = script("cat > /dev/null\n" + answer(BOB.id(), "bob"));

        IdentityMappingException e = failure(() -> mapping(program).mapAll(List.of(ALICE)));

        assertThat(e.getMessage()).contains(BOB.id(), "not one of the identities");
    }

    @Test
    void chattyProgramThatWritesStderrBeforeReadingStdinDoesNotDeadlock() throws Exception {
        Path program = script("head -c 300000 /dev/zero | tr '\\0' 'x' >&2\ncat > /dev/null\n" + answer(ALICE.id(), "alice"));
        Identity bigIdentity = ALICE.with("description", "d".repeat(300_000));

        assertThat(mapping(program).map(bigIdentity)).contains("alice");
    }

    @Test
    void programThatIgnoresItsInputStillWorks() throws Exception {
        Path program = script(answer(ALICE.id(), "alice"));

        assertThat(mapping(program).map(ALICE.with("description", "d".repeat(300_000)))).contains("alice");
    }

    @Test
    void missingProgramIsAnError() throws Exception {
        Path missing = dir.resolve("no-such-program");

        IdentityMappingException e = failure(() -> mapping(missing).map(ALICE));

        assertThat(e.getMessage()).contains("could not start", missing.toString());
    }

    @Test
    void emptyCommandIsAnInvalidDocument() {
        assertThatThrownBy(() -> IdentityMapping.fromDocument(
                JSON.readTree("{\"DATA_TYPE\": \"external_identity_mapping#1.0.0\", \"command\": []}"), context))
                .isInstanceOfSatisfying(IdentityMappingException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_MAPPING_DOCUMENT));
    }

    /** Alive and not a zombie waiting for a parent (PID 1 of a container may never reap it). */
    private static boolean isRunning(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String content;
        try {
            content = Files.readString(stat, StandardCharsets.UTF_8);
        } catch (IOException gone) {
            return false;
        }
        char state = content.charAt(content.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }
}
