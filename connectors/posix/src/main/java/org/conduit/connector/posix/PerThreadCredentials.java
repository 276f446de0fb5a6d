package org.conduit.connector.posix;

import java.io.IOException;
import org.conduit.storage.spi.LocalAccount.PosixIds;
import org.conduit.storage.spi.StorageException;

/**
 * Root mode: each call switches the calling platform thread to the account's fsuid, fsgid and supplementary
 * groups, runs, and switches back, so the kernel checks that user's permissions and new files belong to them.
 * Only the calling thread changes; a thread that cannot be restored is killed with an {@link Error} so it never
 * serves another request with the wrong identity.
 */
final class PerThreadCredentials implements AccountScope {
    /** The groups the server started with, restored after every call. */
    private final int[] serverGroups;

    PerThreadCredentials() {
        if (!LinuxCredentials.supported()) {
            throw new IllegalStateException("per-user file-system credentials need Linux on x86_64 or aarch64 (os.arch="
                + System.getProperty("os.arch") + ")");
        }
        serverGroups = LinuxCredentials.getgroups();
        selfCheck();
    }

    @Override
    public <T> T call(PosixIds account, IoCall<T> operation) throws IOException {
        if (account.uid() == 0 || account.gid() == 0) {
            // fsuid 0 keeps every capability: acting "as root" for a mapped user would bypass all checks.
            throw new StorageException.PermissionDenied("acting as uid/gid 0 for a mapped account is refused");
        }
        enter(account);
        try {
            return operation.call();
        } finally {
            restore();
        }
    }

    private void enter(PosixIds account) {
        try {
            LinuxCredentials.setgroups(account.groups());
            LinuxCredentials.setfsgid(account.gid());
            if (LinuxCredentials.setfsgid(account.gid()) != account.gid()) {
                throw new StorageException.PermissionDenied("could not switch to gid " + account.gid()
                    + " (the node needs CAP_SETGID)");
            }
            LinuxCredentials.setfsuid(account.uid());
            if (LinuxCredentials.setfsuid(account.uid()) != account.uid()) {
                throw new StorageException.PermissionDenied("could not switch to uid " + account.uid()
                    + " (the node needs CAP_SETUID)");
            }
        } catch (RuntimeException e) {
            restore();
            throw e;
        }
    }

    private void restore() {
        LinuxCredentials.setfsuid(0);
        int uid = LinuxCredentials.setfsuid(0);
        LinuxCredentials.setfsgid(0);
        int gid = LinuxCredentials.setfsgid(0);
        if (uid != 0 || gid != 0) {
            throw new IllegalThreadCredentials(uid, gid);
        }
        LinuxCredentials.setgroups(serverGroups);
    }

    /** Proves at start-up that switching works here (e.g. not stripped of CAP_SETUID by a container). */
    private void selfCheck() {
        int nobody = 65534;
        try {
            int seen = call(new PosixIds(nobody, nobody, new int[] {nobody}, "/"),
                () -> LinuxCredentials.setfsuid(-1));
            if (seen != nobody) {
                throw new IllegalStateException("setfsuid had no effect (fsuid " + seen + "); the node cannot act as"
                    + " individual users. Run it with CAP_SETUID and CAP_SETGID, or not as root.");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean perAccount() {
        return true;
    }

    @Override
    public String describe() {
        return "running as root: every operation runs with the mapped user's uid, gid and groups";
    }

    /** Thrown when a thread's credentials could not be put back: the thread must not live on. */
    static final class IllegalThreadCredentials extends Error {
        private static final long serialVersionUID = 1L;

        IllegalThreadCredentials(int fsuid, int fsgid) {
            super("could not restore root file-system credentials (fsuid " + fsuid + ", fsgid " + fsgid
                + "); this thread is unusable");
        }
    }
}
