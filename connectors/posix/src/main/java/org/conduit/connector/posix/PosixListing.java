package org.conduit.connector.posix;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.conduit.storage.spi.FileInfo;
import org.conduit.storage.spi.Listing;
import org.conduit.storage.spi.StoragePath;

/**
 * A streamed directory listing. The directory is opened as the account; entries are read and stat'ed in
 * batches, each batch in one account scope, so a huge directory never sits in memory whole and the
 * credential switch is paid once per batch, not once per entry.
 */
final class PosixListing implements Listing {
    private static final int BATCH = 512;

    private final PosixSession session;
    private final StoragePath directory;
    private final DirectoryStream<Path> stream;
    private final Iterator<Path> entries;
    private final ArrayDeque<FileInfo> batch = new ArrayDeque<>();

    PosixListing(PosixSession session, StoragePath directory, DirectoryStream<Path> stream) {
        this.session = session;
        this.directory = directory;
        this.stream = stream;
        this.entries = stream.iterator();
    }

    @Override
    public boolean hasNext() {
        if (batch.isEmpty()) {
            session.inScope(directory, this::fill);
        }
        return !batch.isEmpty();
    }

    private Void fill() throws IOException {
        try {
            while (batch.size() < BATCH && entries.hasNext()) {
                Path entry = entries.next();
                try {
                    batch.add(session.describeEntry(directory.resolve(entry.getFileName().toString()), entry));
                } catch (NoSuchFileException vanished) {
                    // removed between readdir and stat: not part of the listing
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return null;
    }

    @Override
    public FileInfo next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batch.poll();
    }

    @Override
    public void close() {
        PosixSession.closeQuietly(stream);
    }
}
