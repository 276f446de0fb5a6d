package org.conduit.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.conduit.node.tls.EndpointTls;

/**
 * The node's home folder ({@code CONDUIT_HOME}): everything it knows lives here, so a restart, a backup or a
 * move is one folder. First start creates the layout, TLS files and {@code conduit.yaml}; later starts reuse
 * them.
 *
 * <pre>
 * conduit.yaml     configuration (from deploy/conduit.example.yaml)
 * endpoint.json    where the running node answers (for scripts and monitoring)
 * admin.token      the administrator's token (0600), printed once on first start
 * node.id          this node's id in /api/nodes
 * tls/             CA and host certificate, keystore
 * keys/            token signing key
 * db/              embedded H2 database
 * data/            the default collection's folder
 * logs/
 * </pre>
 */
public final class Home {
    public static final String CONFIG = "conduit.yaml";
    public static final String ENDPOINT_JSON = "endpoint.json";
    public static final String ADMIN_TOKEN = "admin.token";

    private final Path dir;

    public Home(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** {@code --home DIR}, else {@code $CONDUIT_HOME}, else {@code ~/.conduit}. */
    public static Home locate(String homeArgument) {
        if (homeArgument != null) {
            return new Home(Path.of(homeArgument));
        }
        String env = System.getenv("CONDUIT_HOME");
        return new Home(env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".conduit"));
    }

    public Path dir() {
        return dir;
    }

    /** This node's id in {@code /api/nodes}: made on first start, kept in {@code node.id}. */
    public String nodeId() {
        Path file = dir.resolve("node.id");
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, java.util.UUID.randomUUID() + "\n");
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    public Path config() {
        return dir.resolve(CONFIG);
    }

    /** Creates the layout, TLS files and the configuration when missing; returns the configuration file. */
    public Path prepare(String publicHost) {
        try {
            if (!Files.isDirectory(dir)) {
                // Users reach the default collection in data/; everything private below is 0700 or 0600.
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            }
            for (String sub : List.of("keys", "db", "logs")) {
                Files.createDirectories(dir.resolve(sub));
                Files.setPosixFilePermissions(dir.resolve(sub), PosixFilePermissions.fromString("rwx------"));
            }
            // tls/ stays listable so clients on this host can read ca.pem; its private files are 0600.
            Files.createDirectories(dir.resolve("tls"));
            Files.createDirectories(dir.resolve("data"));
            EndpointTls tls = EndpointTls.ensure(dir.resolve("tls"), List.of(publicHost, "localhost", "127.0.0.1", "::1"));
            if (!Files.exists(config())) {
                String template;
                try (InputStream in = Home.class.getResourceAsStream("/conduit.example.yaml")) {
                    template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                String yaml = template.replace("@HOME@", dir.toString())
                    .replace("@PUBLIC_HOST@", publicHost)
                    .replace("@KEYSTORE_PASSWORD@", tls.keyStorePassword());
                Files.createFile(config(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(config(), yaml);
            }
            return config();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the node's home " + dir + ": " + e.getMessage(), e);
        }
    }
}
