package org.conduit.storage.spi;

import java.time.Instant;

/** Capability: set a file's modification time (MFMT, {@code preserve_timestamp}, sync level 2). */
public interface MtimeSetter {
    void setModified(StoragePath path, Instant modified);
}
