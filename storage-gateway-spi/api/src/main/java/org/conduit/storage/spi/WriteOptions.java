package org.conduit.storage.spi;

/**
 * How to open a file for writing.
 *
 * @param mode         what to do when the file exists
 * @param expectedSize size announced by the client (ALLO, Content-Length), or -1; lets backends pre-allocate
 *                     or choose part sizes
 */
public record WriteOptions(ExistingFile mode, long expectedSize) {

    public enum ExistingFile {
        /** Truncate and replace an existing file. */
        REPLACE,
        /** Refuse with {@link StorageException.AlreadyExists} when the file exists. */
        FAIL,
        /** Keep existing bytes; writes land at their positions (restarts, ESTO, appends). */
        KEEP
    }

    public static WriteOptions replace() {
        return new WriteOptions(ExistingFile.REPLACE, -1);
    }

    public static WriteOptions createNew() {
        return new WriteOptions(ExistingFile.FAIL, -1);
    }

    public static WriteOptions keepExisting() {
        return new WriteOptions(ExistingFile.KEEP, -1);
    }

    public WriteOptions withExpectedSize(long size) {
        return new WriteOptions(mode, size);
    }
}
