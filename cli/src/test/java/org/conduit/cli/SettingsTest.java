package org.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flags, then the environment, then the local node's endpoint.json; the local admin token stays local. */
class SettingsTest {
    private static final Settings.Flags NO_FLAGS = new Settings.Flags(null, null, null, null);

    @TempDir
    Path home;

    @TempDir
    Path userHome;

    private Map<String, String> env;

    @BeforeEach
    void writeEndpointJson() throws Exception {
        Files.writeString(home.resolve("admin.token"), "admin-secret-token\n");
        Files.writeString(home.resolve("endpoint.json"), """
            {"manager_url": "https://node.example.org:8443/", "ca_cert": "%s",
             "admin_token_file": "%s"}""".formatted(home.resolve("ca.pem"), home.resolve("admin.token")));
        env = Map.of("CONDUIT_HOME", home.toString());
    }

    @Test
    void endpointJsonSuppliesUrlCaAndAdminTokenForItsOwnNode() {
        Settings s = Settings.resolve(NO_FLAGS, env, userHome);
        assertThat(s.managerUrl()).isEqualTo(URI.create("https://node.example.org:8443"));
        assertThat(s.caCert()).isEqualTo(home.resolve("ca.pem"));
        assertThat(s.token()).isEqualTo("admin-secret-token");
        assertThat(s.tokenSource()).contains("admin token");
    }

    @Test
    void homeFolderDefaultsToDotConduitInTheUsersHome() throws Exception {
        Files.createDirectories(userHome.resolve(".conduit"));
        Files.copy(home.resolve("endpoint.json"), userHome.resolve(".conduit/endpoint.json"));
        assertThat(Settings.resolve(NO_FLAGS, Map.of(), userHome).managerUrl().getHost())
            .isEqualTo("node.example.org");
    }

    @Test
    void flagsWinOverTheEnvironmentAndEndpointJson() throws Exception {
        Path tokenFile = Files.writeString(home.resolve("mine.token"), "file-token\n");
        Map<String, String> withEnvToken = Map.of("CONDUIT_HOME", home.toString(), "CONDUIT_TOKEN", "env-token");
        Settings flag = Settings.resolve(new Settings.Flags(null, "flag-token", tokenFile, Path.of("/my/ca.pem")),
            withEnvToken, userHome);
        assertThat(flag.token()).isEqualTo("flag-token");
        assertThat(flag.caCert()).isEqualTo(Path.of("/my/ca.pem"));
        assertThat(Settings.resolve(new Settings.Flags(null, null, tokenFile, null), withEnvToken, userHome).token())
            .isEqualTo("file-token");
        assertThat(Settings.resolve(NO_FLAGS, withEnvToken, userHome).token()).isEqualTo("env-token");
    }

    @Test
    void anotherManagerUrlGetsNeitherTheLocalCaNorTheLocalAdminToken() {
        Settings s = Settings.resolve(new Settings.Flags("https://other.example.org", null, null, null), env,
            userHome);
        assertThat(s.managerUrl().getHost()).isEqualTo("other.example.org");
        assertThat(s.caCert()).isNull();
        assertThat(s.token()).isNull();
    }

    @Test
    void theLocalUrlGivenAsAFlagStillUsesTheLocalDefaults() {
        Settings s = Settings.resolve(new Settings.Flags("https://node.example.org:8443", null, null, null), env,
            userHome);
        assertThat(s.token()).isEqualTo("admin-secret-token");
    }

    @Test
    void missingManagerUrlIsAUsageErrorThatSaysWhereToSetIt() {
        CliRun r = CliRun.run(Map.of(), userHome, "endpoint", "show");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--manager-url").contains(userHome.resolve(".conduit/endpoint.json").toString());
    }

    @Test
    void plainHttpIsRefusedSoTokensOnlyTravelOverTls() {
        assertThatThrownBy(() -> Settings.resolve(new Settings.Flags("http://node:8443", "t", null, null), env,
            userHome)).isInstanceOf(UsageError.class).hasMessageContaining("https://");
    }

    @Test
    void unreadableTokenFileIsAUsageError() {
        CliRun r = CliRun.run(env, userHome, "endpoint", "show", "--token-file", home.resolve("nope").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read the token file");
    }

    @Test
    void tokenWithALineBreakInsideIsRefused() {
        assertThatThrownBy(() -> Settings.resolve(new Settings.Flags(null, "abc\ndef", null, null), env, userHome))
            .isInstanceOf(UsageError.class).hasMessageContaining("--token").hasMessageNotContaining("abc");
    }

    @Test
    void descriptionNeverShowsTheToken() {
        assertThat(Settings.resolve(NO_FLAGS, env, userHome).toString()).doesNotContain("admin-secret-token")
            .contains("admin token");
    }

    @Test
    void unreadableCaFileIsAUsageErrorWithAHint() {
        CliRun r = CliRun.run(env, userHome, "endpoint", "show");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read the CA certificate " + home.resolve("ca.pem")).contains("--ca-cert");
    }
}
