package org.conduit.storage.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What {@code stat} and listings return.
 *
 * @param mode   POSIX permission bits (e.g. 0644) where the backend has them
 * @param owner  owning user name where the backend has one, else null
 * @param group  owning group name where the backend has one, else null
 * @param extra  backend-specific facts (e.g. Lustre stripe layout {@code lustre.stripe_count}); never secrets
 */
public record FileInfo(StoragePath path, FileType type, long size, Instant modified, OptionalInt mode,
                       String owner, String group, Map<String, String> extra) {

    public FileInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(mode, "mode");
        extra = Map.copyOf(extra);
    }

    /** For backends without owners or modes (object stores). */
    public static FileInfo of(StoragePath path, FileType type, long size, Instant modified) {
        return new FileInfo(path, type, size, modified, OptionalInt.empty(), null, null, Map.of());
    }

    public String name() {
        return path.name();
    }

    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }

    public boolean isFile() {
        return type == FileType.FILE;
    }
}
