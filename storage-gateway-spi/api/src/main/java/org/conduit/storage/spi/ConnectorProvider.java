package org.conduit.storage.spi;

import java.util.List;

/**
 * Entry point of a connector, found with {@link java.util.ServiceLoader} (register the implementation in
 * {@code META-INF/services/org.conduit.storage.spi.ConnectorProvider}). Lifecycle: the manager validates a
 * gateway's settings with {@link ConnectorConfig#validate}, calls {@link #create} once per storage gateway,
 * opens sessions on the result for mapped accounts, and closes it when the gateway is removed or the node stops.
 */
public interface ConnectorProvider {

    /** Short stable id used in config and on the CLI: {@code posix}, {@code s3}, {@code ceph}, {@code hdfs}. */
    String id();

    /** The GCS connector UUID ({@code connector_id} in storage gateway documents). */
    String gcsConnectorId();

    String displayName();

    List<ConnectorOption> options();

    /**
     * Whether mapped accounts are local POSIX users: the manager then verifies them through NSS (refusing
     * unknown users and uid 0) and passes uid, gid and groups in {@link LocalAccount#posix()}.
     */
    default boolean usesPosixAccounts() {
        return false;
    }

    StorageConnector create(ConnectorConfig config);
}
