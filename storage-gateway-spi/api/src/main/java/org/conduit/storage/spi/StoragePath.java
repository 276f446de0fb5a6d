package org.conduit.storage.spi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A normalised path inside a collection, always absolute relative to the collection root ({@code /} is the
 * root). This is the ONE place where client-supplied paths are checked: every mover and the REST API parse
 * through here, so no connector ever sees {@code ..}, a NUL byte, a line break or an over-long name.
 *
 * <p>Rules: repeated and trailing slashes collapse; {@code .} is dropped; {@code ..} removes the previous
 * segment and is refused when it would climb above the root; names longer than {@value #MAX_NAME_BYTES}
 * UTF-8 bytes and paths longer than {@value #MAX_PATH_BYTES} bytes are refused (Linux NAME_MAX/PATH_MAX);
 * NUL, CR and LF are refused (no C string truncation, no FTP reply or log injection).
 */
public final class StoragePath implements Comparable<StoragePath> {
    public static final int MAX_NAME_BYTES = 255;
    public static final int MAX_PATH_BYTES = 4096;

    private static final StoragePath ROOT = new StoragePath(List.of());

    private final List<String> segments;

    private StoragePath(List<String> segments) {
        this.segments = segments;
    }

    public static StoragePath root() {
        return ROOT;
    }

    /** Parses a client path; relative paths are taken from the root. */
    public static StoragePath parse(String raw) {
        if (raw == null) {
            throw new StorageException.InvalidPath("path is missing");
        }
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new StorageException.InvalidPath("path is longer than " + MAX_PATH_BYTES + " bytes");
        }
        List<String> out = new ArrayList<>();
        for (String segment : raw.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (out.isEmpty()) {
                    throw new StorageException.InvalidPath("path climbs above the collection root: " + printable(raw));
                }
                out.remove(out.size() - 1);
                continue;
            }
            checkName(segment);
            out.add(segment);
        }
        return out.isEmpty() ? ROOT : new StoragePath(Collections.unmodifiableList(out));
    }

    /** The child called {@code name}; {@code name} must be one plain file name. */
    public StoragePath resolve(String name) {
        if (name.equals(".") || name.equals("..") || name.isEmpty() || name.indexOf('/') >= 0) {
            throw new StorageException.InvalidPath("not a plain file name: " + printable(name));
        }
        checkName(name);
        List<String> child = new ArrayList<>(segments);
        child.add(name);
        return new StoragePath(Collections.unmodifiableList(child));
    }

    /** A path given relative to this one (may contain slashes, may not climb above this path). */
    public StoragePath resolvePath(String relative) {
        StoragePath rel = parse(relative);
        List<String> all = new ArrayList<>(segments);
        all.addAll(rel.segments);
        return all.isEmpty() ? ROOT : new StoragePath(Collections.unmodifiableList(all));
    }

    private static void checkName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\0') {
                throw new StorageException.InvalidPath("file names may not contain NUL bytes");
            }
            if (c == '\r' || c == '\n') {
                throw new StorageException.InvalidPath("file names may not contain line breaks");
            }
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new StorageException.InvalidPath("file name is longer than " + MAX_NAME_BYTES + " bytes: "
                + printable(name.substring(0, 32)) + "...");
        }
    }

    /** Renders untrusted text safely for error messages. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(200).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                b.append(String.format("\\x%02x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** The last segment; empty for the root. */
    public String name() {
        return isRoot() ? "" : segments.get(segments.size() - 1);
    }

    /** The parent; the root is its own parent. */
    public StoragePath parent() {
        return segments.size() <= 1 ? ROOT : new StoragePath(segments.subList(0, segments.size() - 1));
    }

    public List<String> segments() {
        return segments;
    }

    public boolean startsWith(StoragePath prefix) {
        return segments.size() >= prefix.segments.size()
            && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
    }

    /** Without the leading slash; empty for the root. Handy for object keys and {@code Path.resolve}. */
    public String relative() {
        return String.join("/", segments);
    }

    @Override
    public String toString() {
        return "/" + relative();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoragePath p && p.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public int compareTo(StoragePath o) {
        return toString().compareTo(o.toString());
    }
}
