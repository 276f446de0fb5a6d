package org.conduit.storage.tck;

import org.conduit.storage.spi.LocalAccount;
import org.conduit.storage.spi.StorageConnector;
import org.conduit.storage.spi.StoragePath;

/**
 * What a connector module supplies to run the contract kit against its REAL backend. One fixture per test
 * class; it is created before the first test and closed after the last.
 */
public interface ConnectorFixture extends AutoCloseable {

    /** The connector, configured for the backend under test. */
    StorageConnector connector();

    /** The account sessions act as. */
    LocalAccount account();

    /** A base path in the connector's namespace under which the kit may create and delete anything. */
    String basePath();

    /**
     * Makes {@code link} (inside the session root) a symbolic link to a location OUTSIDE the session root
     * that holds a readable file {@code secret.txt}. Returns false when the backend has no symlinks, which
     * skips the symlink escape tests.
     */
    default boolean createEscapingSymlink(StoragePath sessionRootRelativeDir, String linkName) {
        return false;
    }

    @Override
    default void close() {
        connector().close();
    }
}
