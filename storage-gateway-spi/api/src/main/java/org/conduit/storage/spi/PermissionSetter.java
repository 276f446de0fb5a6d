package org.conduit.storage.spi;

/** Capability: change POSIX permission bits (SITE CHMOD). */
public interface PermissionSetter {
    void setMode(StoragePath path, int mode);
}
