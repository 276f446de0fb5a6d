package org.conduit.storage.spi;

import java.nio.channels.ReadableByteChannel;

/**
 * One account's view of a storage gateway, rooted at a base path: every {@link StoragePath} is relative to
 * that root and a connector must never reach outside it (symlinks included). The small mandatory core;
 * optional abilities are the mixin interfaces listed by {@link Capabilities}, checked before use.
 *
 * <p>Errors: every method throws only {@link StorageException} subtypes.
 * Sessions are not required to be thread-safe, except where a mixin says so; open one per worker.
 */
public interface StorageSession extends AutoCloseable {

    FileInfo stat(StoragePath path);

    /** Streams the entries of a directory (not {@code .} and {@code ..}), in no particular order. */
    Listing list(StoragePath directory);

    /**
     * Reads {@code length} bytes (or to the end when {@code length < 0}) starting at {@code offset}. A range
     * past the end yields fewer bytes, never an error.
     */
    ReadableByteChannel openRead(StoragePath path, long offset, long length);

    /** Opens a file for sequential writing; see {@link WriteTarget} for how an upload is finished or dropped. */
    WriteTarget openWrite(StoragePath path, WriteOptions options);

    /**
     * Creates a directory. Without {@code parents}, an existing entry is {@link StorageException.AlreadyExists};
     * with {@code parents}, missing ancestors are created and an existing directory is fine.
     */
    void mkdir(StoragePath path, boolean parents);

    /**
     * Deletes a file or directory. A non-empty directory needs {@code recursive}, else
     * {@link StorageException.DirectoryNotEmpty}. The session root itself cannot be deleted.
     */
    void delete(StoragePath path, boolean recursive);

    /** Moves {@code from} to {@code to}; an existing target is replaced only when {@code replace}. */
    void rename(StoragePath from, StoragePath to, boolean replace);

    Capabilities capabilities();

    @Override
    void close();
}
