package org.conduit.identity.posix;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.Arrays;
import java.util.Optional;
import org.conduit.identity.IdentityMappingException;
import org.conduit.identity.IdentityMappingException.Reason;

/**
 * Account lookup through the C library ({@code getpwnam_r}, {@code getgrouplist}), so that every NSS
 * source the host is configured with (files, LDAP, SSSD) answers exactly as it does for login. Linux only:
 * the {@code struct passwd} layout below is glibc's and musl's. Thread-safe; the password field is never read.
 */
public final class LibcAccountLookup implements AccountLookup {

    private static final int ERANGE = 34;
    /** Return values of getpwnam_r that mean "no such user" rather than a failure (see getpwnam(3)). */
    private static final int[] NOT_FOUND_ERRORS = {2 /* ENOENT */, 3 /* ESRCH */, 9 /* EBADF */, 1 /* EPERM */};
    private static final int MAX_BUFFER = 1 << 20;
    private static final int MAX_GROUPS = 1 << 16;

    /** The libc functions used; an interface JNA implements. */
    interface CLibrary extends Library {
        int getpwnam_r(String name, Passwd pwd, Pointer buf, NativeLong buflen, PointerByReference result);

        int getgrouplist(String user, int group, int[] groups, IntByReference ngroups);
    }

    /** {@code struct passwd}; public because JNA fills it by reflection. */
    @Structure.FieldOrder({"pw_name", "pw_passwd", "pw_uid", "pw_gid", "pw_gecos", "pw_dir", "pw_shell"})
    public static final class Passwd extends Structure {
        public String pw_name;
        public Pointer pw_passwd;
        public int pw_uid;
        public int pw_gid;
        public String pw_gecos;
        public String pw_dir;
        public String pw_shell;
    }

    private final CLibrary libc;

    /** @throws UnsupportedOperationException on a platform other than Linux */
    public LibcAccountLookup() {
        if (!Platform.isLinux()) {
            throw new UnsupportedOperationException("LibcAccountLookup supports Linux only; this is " + System.getProperty("os.name"));
        }
        this.libc = Native.load("c", CLibrary.class);
    }

    @Override
    public Optional<PosixAccount> lookup(String username) throws IdentityMappingException {
        if (username.isEmpty() || username.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        Passwd passwd = new Passwd();
        for (int size = 4096; ; size *= 2) {
            Memory buffer = new Memory(size);
            PointerByReference result = new PointerByReference();
            int rc = libc.getpwnam_r(username, passwd, buffer, new NativeLong(size), result);
            if (rc == ERANGE && size < MAX_BUFFER) {
                continue;
            }
            if ((rc == 0 && result.getValue() == null) || Arrays.stream(NOT_FOUND_ERRORS).anyMatch(e -> e == rc)) {
                return Optional.empty();
            }
            if (rc != 0) {
                throw new IdentityMappingException(Reason.ACCOUNT_LOOKUP_FAILED, "looking up local user '" + username
                        + "' failed with errno " + rc + "; check the host's account sources (nsswitch.conf, LDAP, SSSD)");
            }
            int[] groups = groupsOf(passwd.pw_name, passwd.pw_gid);
            return Optional.of(new PosixAccount(passwd.pw_name, passwd.pw_uid, passwd.pw_gid, groups,
                    passwd.pw_dir, passwd.pw_shell));
        }
    }

    private int[] groupsOf(String username, int gid) throws IdentityMappingException {
        int capacity = 64;
        while (true) {
            int[] groups = new int[capacity];
            IntByReference count = new IntByReference(capacity);
            if (libc.getgrouplist(username, gid, groups, count) >= 0) {
                return Arrays.copyOf(groups, count.getValue());
            }
            if (capacity >= MAX_GROUPS) {
                throw new IdentityMappingException(Reason.ACCOUNT_LOOKUP_FAILED, "local user '" + username
                        + "' is in more than " + MAX_GROUPS + " groups");
            }
            capacity = Math.min(MAX_GROUPS, Math.max(capacity * 2, count.getValue()));
        }
    }
}
