package org.conduit.manager.access;

import org.conduit.storage.spi.StorageException;
import org.conduit.storage.spi.StoragePath;

/**
 * Path arithmetic on normalised absolute paths ({@code /}, {@code /a}, {@code /a/b}: no trailing slash, no
 * empty, {@code .} or {@code ..} segment), the form the movers hand us after {@code StoragePath} parsing.
 */
final class CollectionPaths {

    private CollectionPaths() {
    }

    /** Throws unless {@code path} is already normalised; requests are trusted to be, this proves it. */
    static String requireNormalised(String path) {
        if (!isNormalised(path)) {
            throw new IllegalArgumentException("not a normalised absolute path: '" + path + "'");
        }
        return path;
    }

    static boolean isNormalised(String path) {
        if (path == null || !path.startsWith("/")) {
            return false;
        }
        try {
            return StoragePath.parse(path).toString().equals(path);
        } catch (StorageException.InvalidPath e) {
            return false;
        }
    }

    /**
     * Normalises a configured path (base path, home directory) with {@link StoragePath}, the one place paths
     * are normalised: a missing leading slash is added and trailing slashes dropped (GCS writes guest base
     * paths both as {@code projects/x} and {@code /projects/x/}); {@code .} and {@code ..} segments are refused
     * because a configured root must never climb.
     */
    static String normaliseAbsolute(String path) {
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("path '" + path + "' contains '" + segment + "'");
            }
        }
        try {
            return StoragePath.parse(path).toString();
        } catch (StorageException.InvalidPath e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** {@code base} joined with a collection-relative {@code path}; both normalised. */
    static String join(String base, String path) {
        if (base.equals("/")) {
            return path;
        }
        return path.equals("/") ? base : base + path;
    }

    /** {@code /}, then every proper ancestor of {@code path} down to its parent, then {@code path} itself. */
    static String[] selfAndAncestors(String path) {
        if (path.equals("/")) {
            return new String[] {"/"};
        }
        String[] segments = path.substring(1).split("/");
        String[] out = new String[segments.length + 1];
        out[0] = "/";
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            current.append('/').append(segments[i]);
            out[i + 1] = current.toString();
        }
        return out;
    }

    /** The text every path strictly below {@code directory} starts with. */
    static String childPrefix(String directory) {
        return directory.equals("/") ? "/" : directory + "/";
    }
}
