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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.conduit.manager.auth.LocalTokenIssuer;

/**
 * A real node on a fresh home (self-signed TLS, embedded H2, ports chosen by the OS), as {@code conduit serve}
 * makes it, plus clients: the administrator (the first-start token) and any {@code name@localhost} user.
 */
final class TestNode {
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    final Path home;
    final DropwizardAppExtension<NodeConfiguration> app;

    TestNode(ConfigOverride... overrides) {
        this(UnaryOperator.identity(), overrides);
    }

    /** {@code configEdit} rewrites the generated {@code conduit.yaml} (lists the overrides cannot reach). */
    TestNode(UnaryOperator<String> configEdit, ConfigOverride... overrides) {
        try {
            home = Files.createTempDirectory("conduit-home-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ConfigOverride> all = new ArrayList<>(List.of(
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0")));
        all.addAll(databaseOverrides());
        all.addAll(List.of(overrides));
        Path config = new Home(home).prepare("localhost");
        try {
            Files.writeString(config, configEdit.apply(Files.readString(config)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        app = new DropwizardAppExtension<>(ConduitNode.class, config.toString(), all.toArray(new ConfigOverride[0]));
    }

    /**
     * The suite runs twice: on the embedded H2 default, and with {@code -Dconduit.test.database=postgresql}
     * on a fresh PostgreSQL database (127.0.0.1:5432; {@code deploy/start-postgres.sh} provides one).
     */
    static List<ConfigOverride> databaseOverrides() {
        if (!"postgresql".equals(System.getProperty("conduit.test.database"))) {
            return List.of();
        }
        String name = "conduit_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + POSTGRES + " is needed for this run;"
                + " start it with deploy/start-postgres.sh", e);
        }
        return List.of(ConfigOverride.config("database.driverClass", "org.postgresql.Driver"),
            ConfigOverride.config("database.url", POSTGRES + name),
            ConfigOverride.config("database.user", "postgres"),
            ConfigOverride.config("database.password", "postgres"));
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
        LocalTokenIssuer issuer = new LocalTokenIssuer(home.resolve("keys"), "https://localhost/" + endpointId, endpointId,
            "localhost");
        return issuer.issue(name + "@localhost", Duration.ofMinutes(10));
    }
}
