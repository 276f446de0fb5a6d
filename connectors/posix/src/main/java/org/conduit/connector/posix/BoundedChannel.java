package org.conduit.connector.posix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/** A read of at most {@code remaining} bytes of a file channel (a ranged read). */
final class BoundedChannel implements ReadableByteChannel {
    private final FileChannel channel;
    private long remaining;

    BoundedChannel(FileChannel channel, long length) {
        this.channel = channel;
        this.remaining = length;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int limit = dst.limit();
        if (dst.remaining() > remaining) {
            dst.limit(dst.position() + (int) remaining);
        }
        try {
            int n = channel.read(dst);
            if (n > 0) {
                remaining -= n;
            }
            return n;
        } finally {
            dst.limit(limit);
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
