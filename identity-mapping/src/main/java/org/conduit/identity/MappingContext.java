package org.conduit.identity;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a mapping document is evaluated: the storage gateway and its connector (passed to external
 * programs as {@code -c} and {@code -s}), and the limits put on external programs.
 *
 * @param externalProgramTimeout     how long an external program may run (GCS: 5 s)
 * @param externalProgramOutputLimit bytes an external program may print on stdout or stderr
 */
public record MappingContext(
        String connectorId, String storageGatewayId, Duration externalProgramTimeout, int externalProgramOutputLimit) {

    public static final Duration DEFAULT_PROGRAM_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_PROGRAM_OUTPUT_LIMIT = 1024 * 1024;

    public MappingContext {
        Objects.requireNonNull(connectorId, "connectorId");
        Objects.requireNonNull(storageGatewayId, "storageGatewayId");
        if (externalProgramTimeout.isNegative() || externalProgramTimeout.isZero()) {
            throw new IllegalArgumentException("externalProgramTimeout must be positive");
        }
        if (externalProgramOutputLimit <= 0) {
            throw new IllegalArgumentException("externalProgramOutputLimit must be positive");
        }
    }

    /** A context with the GCS limits: 5 s and 1 MiB. */
    public static MappingContext of(String connectorId, String storageGatewayId) {
        return new MappingContext(connectorId, storageGatewayId, DEFAULT_PROGRAM_TIMEOUT, DEFAULT_PROGRAM_OUTPUT_LIMIT);
    }

    public MappingContext withExternalProgramTimeout(Duration timeout) {
        return new MappingContext(connectorId, storageGatewayId, timeout, externalProgramOutputLimit);
    }

    public MappingContext withExternalProgramOutputLimit(int bytes) {
        return new MappingContext(connectorId, storageGatewayId, externalProgramTimeout, bytes);
    }
}
