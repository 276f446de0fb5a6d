package org.conduit.storage.spi;

/**
 * Capability: out-of-order writes, so MODE E blocks and parallel chunks land at their offsets as they arrive.
 * Connectors without it declare {@link Capabilities.Trait#ORDERED_WRITES_ONLY} and the movers reorder.
 */
public interface PositionalWrites {

    PositionalTarget openPositional(StoragePath path, WriteOptions options);

    /** Thread-safe: parallel streams call {@link #write} concurrently. Same completion rule as {@link WriteTarget}. */
    interface PositionalTarget extends AutoCloseable {
        void write(java.nio.ByteBuffer source, long position);

        void complete();

        @Override
        void close();
    }
}
