package org.conduit.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node restarted on the same home knows everything it knew: ids, TLS, tokens, gateways. */
class NodeRestartTest {
    @TempDir
    Path home;

    /** The same database for both starts (H2 in the home, or one PostgreSQL database). */
    private final List<ConfigOverride> database = TestNode.databaseOverrides();

    private DropwizardTestSupport<NodeConfiguration> node(Path config) {
        List<ConfigOverride> all = new ArrayList<>(database);
        all.add(ConfigOverride.config("server.applicationConnectors[0].port", "0"));
        all.add(ConfigOverride.config("server.adminConnectors[0].port", "0"));
        return new DropwizardTestSupport<>(ConduitNode.class, config.toString(), all.toArray(new ConfigOverride[0]));
    }

    @Test
    void restartKeepsEndpointTlsAdminTokenAndGateways() throws Exception {
        Path config = new Home(home).prepare("localhost");
        DropwizardTestSupport<NodeConfiguration> first = node(config);
        first.before();
        String gatewayId;
        JsonNode before;
        String token = Files.readString(home.resolve("admin.token")).strip();
        String caBefore = Files.readString(home.resolve("tls/ca.pem"));
        try {
            before = new ObjectMapper().readTree(home.resolve("endpoint.json").toFile());
            ApiClient admin = new ApiClient(home.resolve("tls/ca.pem"), before.get("manager_url").asText(), token);
            gatewayId = admin.post("/api/storage_gateways", """
                {"display_name": "survives", "connector_id": "posix", "allowed_domains": ["localhost"]}
                """).first().path("id").asText();
        } finally {
            first.after();
        }

        new Home(home).prepare("localhost");
        DropwizardTestSupport<NodeConfiguration> second = node(config);
        second.before();
        try {
            JsonNode after = new ObjectMapper().readTree(home.resolve("endpoint.json").toFile());
            assertThat(after.get("endpoint_id")).isEqualTo(before.get("endpoint_id"));
            assertThat(after.get("default_collection_id")).isEqualTo(before.get("default_collection_id"));
            assertThat(Files.readString(home.resolve("tls/ca.pem"))).isEqualTo(caBefore);
            assertThat(Files.readString(home.resolve("admin.token")).strip()).isEqualTo(token);
            ApiClient admin = new ApiClient(home.resolve("tls/ca.pem"), after.get("manager_url").asText(), token);
            ApiClient.Reply gateway = admin.get("/api/storage_gateways/" + gatewayId);
            assertThat(gateway.status()).isEqualTo(200);
            assertThat(gateway.first().path("display_name").asText()).isEqualTo("survives");
        } finally {
            second.after();
        }
    }
}
