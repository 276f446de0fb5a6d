package org.conduit.node.https;

/**
 * One byte range of an HTTP {@code Range} header, resolved against the file size. Several ranges are answered
 * with the whole file (RFC 9110 lets a server ignore {@code Range}); only single ranges get 206.
 */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    /** A range that starts past the end of the file: 416. */
    static final class Unsatisfiable extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Parses {@code bytes=a-b}, {@code bytes=a-} and {@code bytes=-n}. Returns null when the whole file should be
     * sent; throws {@link Unsatisfiable} for a range that starts past the end (416).
     */
    static ByteRange parse(String header, long size) throws Unsatisfiable {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (first < 0 || first >= size) {
                throw new Unsatisfiable();
            }
            if (last < first) {
                return null;
            }
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
