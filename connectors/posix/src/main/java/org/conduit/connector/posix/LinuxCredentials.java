package org.conduit.connector.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import java.util.Locale;

/**
 * The Linux calls that give ONE thread another user's file-system credentials (as NFS-Ganesha does).
 * {@code setfsuid}/{@code setfsgid} through glibc act on the calling thread only; {@code setgroups} must be
 * the raw system call because glibc's wrapper broadcasts the change to every thread of the process.
 */
final class LinuxCredentials {
    private static final long SYS_GETGROUPS;
    private static final long SYS_SETGROUPS;

    static {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            SYS_GETGROUPS = 115;
            SYS_SETGROUPS = 116;
        } else if (arch.equals("aarch64")) {
            SYS_GETGROUPS = 158;
            SYS_SETGROUPS = 159;
        } else {
            SYS_GETGROUPS = -1;
            SYS_SETGROUPS = -1;
        }
        Native.register(LinuxCredentials.class, "c");
    }

    private LinuxCredentials() {
    }

    static native int setfsuid(int uid);

    static native int setfsgid(int gid);

    static native int geteuid();

    private static native com.sun.jna.Pointer getgrnam(String name);

    /** The gid of a group name through NSS (files, LDAP, sssd), or -1 when there is no such group. */
    static int groupId(String name) {
        com.sun.jna.Pointer group = getgrnam(name);
        // struct group { char *gr_name; char *gr_passwd; gid_t gr_gid; char **gr_mem; }
        return group == null ? -1 : group.getInt(2L * Native.POINTER_SIZE);
    }

    private static native long syscall(long number, long size, int[] list) throws LastErrorException;

    static boolean processIsRoot() {
        return geteuid() == 0;
    }

    static boolean supported() {
        return SYS_SETGROUPS > 0;
    }

    /** This thread's supplementary groups. */
    static int[] getgroups() {
        int count = (int) syscall(SYS_GETGROUPS, 0, null);
        int[] groups = new int[Math.max(count, 1)];
        count = (int) syscall(SYS_GETGROUPS, groups.length, groups);
        return java.util.Arrays.copyOf(groups, count);
    }

    /** Sets this thread's supplementary groups only. */
    static void setgroups(int[] groups) {
        syscall(SYS_SETGROUPS, groups.length, groups.length == 0 ? null : groups);
    }
}
