package org.conduit.manager.access;

/**
 * How much a caller may do at one path, weakest first so that levels compare with {@link #compareTo}.
 *
 * <p>{@link #TRAVERSE} is ours, not a GCS word: it is the level of a directory the caller has no grant on
 * but that leads to a path they do have a grant on (GCS lets a user restricted to {@code /project} list
 * {@code /} to reach it). It allows {@link Operation#STAT} of the directory and {@link Operation#LIST} of
 * it, where the lister must show only the entries that are themselves permitted for {@link Operation#STAT}.
 */
public enum Access {
    /** Nothing: the path is invisible. */
    NONE,
    /** Stat and list (filtered) only: an ancestor of something the caller may read. */
    TRAVERSE,
    /** Read data and metadata: GCS {@code read}, ACL {@code r}. */
    READ,
    /** Everything: GCS {@code read_write}, ACL {@code rw}. */
    READ_WRITE;

    public boolean atLeast(Access other) {
        return compareTo(other) >= 0;
    }

    public static Access min(Access a, Access b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public static Access max(Access a, Access b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The Transfer API {@code permissions} value of an ACL rule: {@code r} or {@code rw}. */
    public String aclCode() {
        return switch (this) {
            case READ -> "r";
            case READ_WRITE -> "rw";
            default -> throw new IllegalStateException(this + " is not an ACL permission");
        };
    }

    /** Reads an ACL {@code permissions} value; only {@code r} and {@code rw} exist. */
    public static Access fromAclCode(String code) {
        return switch (code) {
            case "r" -> READ;
            case "rw" -> READ_WRITE;
            default -> throw new IllegalArgumentException("ACL permissions must be \"r\" or \"rw\", not \"" + code + "\"");
        };
    }
}
