package org.conduit.storage.spi;

/** A connector configured for one storage gateway. Thread-safe; sessions are opened per request or transfer. */
public interface StorageConnector extends AutoCloseable {

    /**
     * Opens a session acting as {@code account}, confined to {@code basePath} (a path in the connector's own
     * namespace, e.g. a collection's {@code collection_base_path}). Refuses accounts the gateway's policies
     * exclude with {@link StorageException.PermissionDenied}.
     */
    StorageSession open(LocalAccount account, String basePath);

    /** A human-readable sentence on how this gateway acts (e.g. as which process user); shown to admins. */
    String describe();

    @Override
    void close();
}
