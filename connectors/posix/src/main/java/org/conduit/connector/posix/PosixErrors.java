package org.conduit.connector.posix;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.conduit.storage.spi.StorageException;
import org.conduit.storage.spi.StoragePath;

/** Turns the JDK's file-system exceptions (errno reasons) into the SPI's error family. */
final class PosixErrors {
    private PosixErrors() {
    }

    static StorageException translate(StoragePath path, IOException e) {
        String where = path.toString();
        if (e instanceof OutsideRootException) {
            return new StorageException.PermissionDenied(where + " leads outside the collection");
        }
        if (e instanceof NoSuchFileException) {
            return new StorageException.NotFound(where, e);
        }
        if (e instanceof FileAlreadyExistsException) {
            return new StorageException.AlreadyExists(where, e);
        }
        if (e instanceof AccessDeniedException) {
            return new StorageException.PermissionDenied(where, e);
        }
        if (e instanceof DirectoryNotEmptyException) {
            return new StorageException.DirectoryNotEmpty(where, e);
        }
        if (e instanceof NotDirectoryException) {
            return new StorageException.NotADirectory(where, e);
        }
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : "";
        switch (reason) {
            case "Is a directory":
                return new StorageException.IsADirectory(where, e);
            case "Not a directory":
                return new StorageException.NotADirectory(where, e);
            case "Directory not empty":
                return new StorageException.DirectoryNotEmpty(where, e);
            case "Operation not permitted":
            case "Read-only file system":
                return new StorageException.PermissionDenied(where, e);
            case "Too many levels of symbolic links":
                return new StorageException.PermissionDenied(where + " is a symbolic link that cannot be followed", e);
            case "No space left on device":
            case "Disk quota exceeded":
                return new StorageException.QuotaExceeded(where, e);
            case "File name too long":
                return new StorageException.InvalidPath(where + ": file name too long");
            case "Invalid cross-device link":
                return new StorageException.Unsupported("rename across file systems (" + where + ")");
            default:
                return new StorageException.Transient(where, e);
        }
    }

    /** A path whose real location is not below the session root. */
    static final class OutsideRootException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        OutsideRootException(String file) {
            super(file, null, "leads outside the collection");
        }
    }
}
