package org.conduit.storage.spi;

public enum FileType {
    FILE, DIRECTORY, SYMLINK, OTHER
}
