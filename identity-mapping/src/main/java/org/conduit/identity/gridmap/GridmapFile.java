package org.conduit.identity.gridmap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.conduit.identity.IdentityMappingException;
import org.conduit.identity.IdentityMappingException.Reason;

/**
 * A grid-mapfile on disk, re-read whenever its modification time (or size, or inode, for atomic
 * replacement within the same second) changes, so administrators edit it without restarting Conduit.
 * Thread-safe.
 */
public final class GridmapFile {

    private record Version(FileTime modified, long size, Object fileKey) {}

    private final Path path;
    private Version loadedVersion;
    private Gridmap gridmap;

    public GridmapFile(Path path) {
        this.path = Objects.requireNonNull(path);
    }

    /** The file's current content, re-parsed if the file changed since the last call. */
    public synchronized Gridmap current() throws IdentityMappingException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            Version version = new Version(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
            if (!version.equals(loadedVersion)) {
                List<String> lines = new String(Files.readAllBytes(path), StandardCharsets.UTF_8).lines().toList();
                gridmap = Gridmap.parse(lines, path.toString());
                loadedVersion = version;
            }
            return gridmap;
        } catch (IOException e) {
            throw new IdentityMappingException(Reason.GRIDMAP_UNREADABLE, "cannot read gridmap file " + path + " ("
                    + e + "); make sure it exists and is readable by the Conduit service account", e);
        }
    }

    /** @see Gridmap#users(String) */
    public List<String> users(String dn) throws IdentityMappingException {
        return current().users(dn);
    }

    /** @see Gridmap#firstUser(String) */
    public Optional<String> firstUser(String dn) throws IdentityMappingException {
        return current().firstUser(dn);
    }
}
