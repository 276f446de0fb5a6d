package org.conduit.storage.spi;

import java.util.Iterator;

/**
 * A streamed directory listing: entries arrive as the backend produces them, never as one giant list.
 * Close it when done, also when abandoning it early.
 */
public interface Listing extends Iterator<FileInfo>, AutoCloseable {
    @Override
    void close();
}
