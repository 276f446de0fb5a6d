package org.conduit.storage.spi;

/**
 * Capability: the backend computes or stores checksums itself, so the bytes need not cross the network.
 * Answers {@code Optional.empty()} for algorithms it cannot provide; {@link Checksums} then streams.
 */
public interface ServerSideChecksum {
    java.util.Optional<String> checksum(StoragePath path, ChecksumAlgorithm algorithm);
}
