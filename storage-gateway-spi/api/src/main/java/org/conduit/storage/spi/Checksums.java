package org.conduit.storage.spi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** Checksums of stored files: from the backend when it offers them, else computed by streaming the bytes. */
public final class Checksums {
    private static final int BUFFER = 1 << 20;

    private Checksums() {
    }

    /** Checksum of the whole file. */
    public static String of(StorageSession session, StoragePath path, ChecksumAlgorithm algorithm) {
        var fromBackend = Capabilities.as(session, ServerSideChecksum.class)
            .flatMap(s -> s.checksum(path, algorithm));
        return fromBackend.orElseGet(() -> streamed(session, path, algorithm, 0, -1));
    }

    /** Checksum of {@code length} bytes from {@code offset} ({@code length < 0}: to the end), as CKSM asks. */
    public static String streamed(StorageSession session, StoragePath path, ChecksumAlgorithm algorithm,
                                  long offset, long length) {
        ChecksumAlgorithm.Checksum sum = algorithm.start();
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        try (ReadableByteChannel in = session.openRead(path, offset, length)) {
            while (in.read(buffer) >= 0) {
                buffer.flip();
                sum.update(buffer);
                buffer.clear();
            }
        } catch (IOException e) {
            throw new StorageException.Transient("checksum of " + path, e);
        }
        return sum.hex();
    }
}
