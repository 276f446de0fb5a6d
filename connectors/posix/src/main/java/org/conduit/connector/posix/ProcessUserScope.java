package org.conduit.connector.posix;

import java.io.IOException;
import org.conduit.storage.spi.LocalAccount.PosixIds;
import org.conduit.storage.spi.StorageException;

/**
 * Non-root mode: the node cannot change identity, so it serves only accounts that are the process user itself.
 * Admins are told so ({@link #describe()}); the storage gateway should then map identities to that user.
 */
final class ProcessUserScope implements AccountScope {
    private static final int PROCESS_UID = LinuxCredentials.geteuid();
    private final String processUser = System.getProperty("user.name");

    @Override
    /**
     * Only the process user's own account may act: another mapped user would otherwise get the node's rights
     * (its keys, its database). Map identities to the process user to serve them from a non-root node.
     */
    public <T> T call(PosixIds account, IoCall<T> operation) throws IOException {
        if (account.uid() != PROCESS_UID) {
            throw new StorageException.PermissionDenied("this node does not run as root, so it can act only as its"
                + " process user '" + processUser + "' (uid " + PROCESS_UID + "), not as uid " + account.uid()
                + "; map identities to '" + processUser + "' or run the node as root");
        }
        return operation.call();
    }

    @Override
    public boolean perAccount() {
        return false;
    }

    @Override
    public String describe() {
        return "not running as root: only the process user '" + processUser + "' (uid " + PROCESS_UID
            + ") can use this storage";
    }
}
