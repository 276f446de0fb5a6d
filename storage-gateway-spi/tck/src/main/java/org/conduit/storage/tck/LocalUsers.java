package org.conduit.storage.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.conduit.storage.spi.LocalAccount;

/** Real local users and groups for tests of multi-user behaviour (useradd/groupadd; idempotent; needs root). */
public final class LocalUsers {
    private LocalUsers() {
    }

    public static boolean isRoot() {
        return "0".equals(sh("id", "-u").trim());
    }

    /** Creates (if missing) a login-less user with its own primary group and the given extra groups. */
    public static LocalAccount ensure(String name, String... groups) {
        for (String group : groups) {
            sh("groupadd", "-f", group);
        }
        if (run(List.of("getent", "passwd", name)) != 0) {
            sh("useradd", "-M", "-U", "-s", "/usr/sbin/nologin", name);
        }
        if (groups.length > 0) {
            sh("usermod", "-a", "-G", String.join(",", groups), name);
        }
        return of(name);
    }

    /** The account as the identity-mapping layer would resolve it. */
    public static LocalAccount of(String name) {
        int uid = Integer.parseInt(sh("id", "-u", name).trim());
        int gid = Integer.parseInt(sh("id", "-g", name).trim());
        int[] all = Arrays.stream(sh("id", "-G", name).trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
        return LocalAccount.posix(name, new LocalAccount.PosixIds(uid, gid, all, "/nonexistent"));
    }

    public static LocalAccount currentUser() {
        return of(sh("id", "-un").trim());
    }

    public static String sh(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
