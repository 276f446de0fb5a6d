package org.conduit.storage.spi;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The local account an identity was mapped to: what a connector acts as.
 *
 * @param username    the connector-specific user name (POSIX login, RGW uid, HDFS user)
 * @param posix       numeric POSIX credentials, present for POSIX-like connectors
 * @param credentials connector credentials (e.g. S3 key pair) from the user's stored credential; secret
 */
public record LocalAccount(String username, Optional<PosixIds> posix, Map<String, String> credentials) {

    public LocalAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(posix, "posix");
        credentials = Map.copyOf(credentials);
    }

    public static LocalAccount named(String username) {
        return new LocalAccount(username, Optional.empty(), Map.of());
    }

    public static LocalAccount posix(String username, PosixIds ids) {
        return new LocalAccount(username, Optional.of(ids), Map.of());
    }

    /** Never prints credentials. */
    @Override
    public String toString() {
        return "LocalAccount[" + username + posix.map(p -> " " + p).orElse("") + "]";
    }

    /** Numeric identity the kernel checks: uid, primary gid and supplementary groups (sorted). */
    public record PosixIds(int uid, int gid, int[] groups, String home) {
        public PosixIds {
            groups = groups.clone();
            Arrays.sort(groups);
        }

        @Override
        public int[] groups() {
            return groups.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PosixIds p && p.uid == uid && p.gid == gid && Arrays.equals(p.groups, groups)
                && Objects.equals(p.home, home);
        }

        @Override
        public int hashCode() {
            return Objects.hash(uid, gid, Arrays.hashCode(groups), home);
        }

        @Override
        public String toString() {
            return "uid=" + uid + " gid=" + gid + " groups=" + Arrays.toString(groups);
        }
    }
}
