package org.conduit.connector.posix;

import org.conduit.storage.tck.LocalUsers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.conduit.storage.spi.ConnectorConfig;
import org.conduit.storage.spi.LocalAccount;
import org.conduit.storage.spi.StorageConnector;
import org.conduit.storage.spi.StoragePath;
import org.conduit.storage.tck.ConnectorFixture;

/**
 * A POSIX gateway on a fresh temporary directory. As root, sessions act as a real unprivileged local user who
 * owns the collection folder, so the kit also exercises the per-thread credential switch.
 */
final class PosixFixture implements ConnectorFixture {
    static final String TCK_USER = "conduit-tck";

    private final Path gatewayRoot;
    private final Path outside;
    private final LocalAccount account;
    private final StorageConnector connector;

    PosixFixture() {
        this(Map.of());
    }

    PosixFixture(Map<String, String> extraOptions) {
        try {
            gatewayRoot = Files.createTempDirectory("conduit-posix-");
            outside = Files.createTempDirectory("conduit-outside-");
            Files.writeString(outside.resolve("secret.txt"), "outside the collection", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(gatewayRoot, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createDirectory(gatewayRoot.resolve("collection"));
            if (LocalUsers.isRoot()) {
                account = LocalUsers.ensure(TCK_USER);
                LocalUsers.sh("chown", TCK_USER + ":", gatewayRoot.resolve("collection").toString());
            } else {
                account = LocalUsers.currentUser();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> options = new HashMap<>(extraOptions);
        options.put(PosixConnectorProvider.ROOT, gatewayRoot.toString());
        PosixConnectorProvider provider = new PosixConnectorProvider();
        connector = provider.create(ConnectorConfig.validate(provider, options));
    }

    Path gatewayRoot() {
        return gatewayRoot;
    }

    @Override
    public StorageConnector connector() {
        return connector;
    }

    @Override
    public LocalAccount account() {
        return account;
    }

    @Override
    public String basePath() {
        return "/collection";
    }

    @Override
    public boolean createEscapingSymlink(StoragePath dir, String linkName) {
        try {
            Files.createSymbolicLink(gatewayRoot.resolve("collection").resolve(dir.relative()).resolve(linkName), outside);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        connector.close();
        for (Path p : new Path[] {gatewayRoot, outside}) {
            try (Stream<Path> tree = Files.walk(p)) {
                tree.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
