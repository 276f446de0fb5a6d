package org.conduit.connector.posix;

import java.io.IOException;
import org.conduit.storage.spi.LocalAccount.PosixIds;

/**
 * Non-root mode: the node cannot change identity, so every account acts as the one process user. Admins are
 * told so ({@link #describe()}); the storage gateway should then map all identities to that user.
 */
final class ProcessUserScope implements AccountScope {
    private final String processUser = System.getProperty("user.name");

    @Override
    public <T> T call(PosixIds account, IoCall<T> operation) throws IOException {
        return operation.call();
    }

    @Override
    public boolean perAccount() {
        return false;
    }

    @Override
    public String describe() {
        return "not running as root: every mapped account acts as the process user '" + processUser
            + "' (uid " + LinuxCredentials.geteuid() + ")";
    }
}
