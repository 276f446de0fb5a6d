package org.conduit.connector.posix;

import java.io.IOException;
import org.conduit.storage.spi.LocalAccount.PosixIds;

/**
 * Runs file-system calls as a local account. Everything that opens, creates, stats or lists a path goes
 * through {@link #call}; already-open channels need no scope (the kernel checks permissions at open time).
 */
interface AccountScope {

    <T> T call(PosixIds account, IoCall<T> operation) throws IOException;

    /** Whether the kernel enforces each account's own permissions (true only when running as root). */
    boolean perAccount();

    /** One sentence for admins: how this node acts on the file system. */
    String describe();

    static AccountScope forThisProcess() {
        return LinuxCredentials.processIsRoot() ? new PerThreadCredentials() : new ProcessUserScope();
    }
}
