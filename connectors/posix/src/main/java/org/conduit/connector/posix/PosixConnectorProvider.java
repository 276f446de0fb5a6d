package org.conduit.connector.posix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conduit.storage.spi.ConnectorConfig;
import org.conduit.storage.spi.ConnectorOption;
import org.conduit.storage.spi.ConnectorProvider;
import org.conduit.storage.spi.StorageConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The POSIX connector (Lustre included), GCS connector id {@value #GCS_CONNECTOR_ID}. */
public final class PosixConnectorProvider implements ConnectorProvider {
    public static final String GCS_CONNECTOR_ID = "145812c8-decc-41f1-83cf-bb2a85a2a70b";
    private static final Logger LOG = LoggerFactory.getLogger(PosixConnectorProvider.class);

    public static final String ROOT = "root";
    public static final String GROUPS_ALLOW = "groups_allow";
    public static final String GROUPS_DENY = "groups_deny";
    public static final String LUSTRE_STRIPE_COUNT = "lustre_stripe_count";
    public static final String LUSTRE_STRIPE_SIZE = "lustre_stripe_size";
    public static final String LFS_COMMAND = "lfs_command";

    @Override
    public String id() {
        return "posix";
    }

    @Override
    public String gcsConnectorId() {
        return GCS_CONNECTOR_ID;
    }

    @Override
    public String displayName() {
        return "POSIX";
    }

    @Override
    public boolean usesPosixAccounts() {
        return true;
    }

    @Override
    public List<ConnectorOption> options() {
        return List.of(
            ConnectorOption.optional(ROOT, "directory that collection base paths are relative to", "/"),
            ConnectorOption.optional(GROUPS_ALLOW, "comma-separated POSIX groups; users must be in one of them", ""),
            ConnectorOption.optional(GROUPS_DENY, "comma-separated POSIX groups whose members are refused", ""),
            ConnectorOption.optional(LUSTRE_STRIPE_COUNT, "Lustre: stripe count for new files (-1 = all OSTs)", null),
            ConnectorOption.optional(LUSTRE_STRIPE_SIZE, "Lustre: stripe size for new files (e.g. 4M)", null),
            ConnectorOption.optional(LFS_COMMAND, "Lustre: the lfs program", "lfs"));
    }

    @Override
    public StorageConnector create(ConnectorConfig config) {
        Path root;
        try {
            root = Path.of(config.require(ROOT)).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("storage gateway root " + config.require(ROOT) + " is not usable", e);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("storage gateway root " + root + " is not a directory");
        }
        AccountScope scope = AccountScope.forThisProcess();
        Lustre lustre = Lustre.probe(config.require(LFS_COMMAND), root,
            config.get(LUSTRE_STRIPE_COUNT).orElse(null), config.get(LUSTRE_STRIPE_SIZE).orElse(null));
        PosixConnector connector = new PosixConnector(root, scope, groups(config, GROUPS_ALLOW),
            groups(config, GROUPS_DENY), lustre);
        LOG.info("{}", connector.describe());
        return connector;
    }

    private static Map<String, Integer> groups(ConnectorConfig config, String option) {
        Map<String, Integer> byName = new LinkedHashMap<>();
        Arrays.stream(config.get(option).orElse("").split(","))
            .map(String::trim).filter(s -> !s.isEmpty())
            .forEach(name -> {
                int gid = LinuxCredentials.groupId(name);
                if (gid < 0) {
                    throw new IllegalArgumentException(option + " names group '" + name + "', which does not exist"
                        + " on this node (check getent group " + name + ")");
                }
                byName.put(name, gid);
            });
        return byName;
    }
}
