package org.conduit.identity.posix;

import java.util.Arrays;
import java.util.Objects;

/**
 * A local POSIX account as the account database (NSS) reports it. Ids are unsigned 32-bit values held
 * in {@code int}s, as the kernel takes them.
 *
 * @param groups every group the account is in, primary gid included, ascending and without repeats
 */
public record PosixAccount(String username, int uid, int gid, int[] groups, String home, String shell) {

    public PosixAccount {
        Objects.requireNonNull(username, "username");
        groups = Arrays.stream(groups).sorted().distinct().toArray();
    }

    @Override
    public int[] groups() {
        return groups.clone();
    }

    public boolean isRoot() {
        return uid == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PosixAccount that
                && uid == that.uid
                && gid == that.gid
                && username.equals(that.username)
                && Arrays.equals(groups, that.groups)
                && Objects.equals(home, that.home)
                && Objects.equals(shell, that.shell);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, uid, gid, Arrays.hashCode(groups), home, shell);
    }

    @Override
    public String toString() {
        StringBuilder ids = new StringBuilder();
        for (int group : groups) {
            ids.append(ids.isEmpty() ? "" : ",").append(Integer.toUnsignedString(group));
        }
        return "PosixAccount[username=" + username + ", uid=" + Integer.toUnsignedString(uid)
                + ", gid=" + Integer.toUnsignedString(gid) + ", groups=[" + ids + "], home=" + home
                + ", shell=" + shell + "]";
    }
}
