package org.conduit.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.conduit.manager.auth.LocalTokenIssuer;

/**
 * A real node on a fresh home (self-signed TLS, embedded H2, ports chosen by the OS), as {@code conduit serve}
 * makes it, plus clients: the administrator (the first-start token) and any {@code name@localhost} user.
 */
final class TestNode {
    final Path home;
    final DropwizardAppExtension<NodeConfiguration> app;

    TestNode(ConfigOverride... overrides) {
        try {
            home = Files.createTempDirectory("conduit-home-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConfigOverride[] all = new ConfigOverride[overrides.length + 2];
        all[0] = ConfigOverride.config("server.applicationConnectors[0].port", "0");
        all[1] = ConfigOverride.config("server.adminConnectors[0].port", "0");
        System.arraycopy(overrides, 0, all, 2, overrides.length);
        app = new DropwizardAppExtension<>(ConduitNode.class, new Home(home).prepare("localhost").toString(), all);
    }

    JsonNode endpointJson() throws IOException {
        return new ObjectMapper().readTree(home.resolve("endpoint.json").toFile());
    }

    ApiClient admin() throws Exception {
        return new ApiClient(home.resolve("tls/ca.pem"), endpointJson().get("manager_url").asText(),
            Files.readString(home.resolve("admin.token")).strip());
    }

    /** A client for {@code name@localhost}. */
    ApiClient user(String name) throws Exception {
        return admin().as(userToken(name));
    }

    /** A token for {@code name@localhost}, issued with the endpoint's own key. */
    String userToken(String name) throws Exception {
        String endpointId = endpointJson().get("endpoint_id").asText();
        LocalTokenIssuer issuer = new LocalTokenIssuer(home.resolve("keys"), "https://localhost/" + endpointId, endpointId);
        return issuer.issue(name + "@localhost", Duration.ofMinutes(10));
    }
}
