package org.conduit.storage.spi;

/**
 * The one error family every connector throws. Each subtype names a {@link StorageError} row, which is
 * the single table that turns it into an FTP reply, an HTTP status, a REST error code and a task event.
 * Unchecked so that listings, lambdas and streams can carry it; callers translate it at their boundary.
 */
public abstract sealed class StorageException extends RuntimeException
    permits StorageException.NotFound, StorageException.AlreadyExists, StorageException.PermissionDenied,
        StorageException.NotADirectory, StorageException.IsADirectory, StorageException.DirectoryNotEmpty,
        StorageException.InvalidPath, StorageException.QuotaExceeded, StorageException.ChecksumMismatch,
        StorageException.Unsupported, StorageException.Busy, StorageException.Transient {

    private static final long serialVersionUID = 1L;

    private StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The row of the protocol table this error maps to. */
    public abstract StorageError error();

    /** Whether trying the same operation again later may succeed. */
    public final boolean retryable() {
        return error().retryable();
    }

    public static final class NotFound extends StorageException {
        private static final long serialVersionUID = 1L;
        public NotFound(String path) { this(path, null); }
        public NotFound(String path, Throwable cause) { super(path + ": No such file or directory", cause); }
        @Override public StorageError error() { return StorageError.NOT_FOUND; }
    }

    public static final class AlreadyExists extends StorageException {
        private static final long serialVersionUID = 1L;
        public AlreadyExists(String path) { this(path, null); }
        public AlreadyExists(String path, Throwable cause) { super(path + ": File exists", cause); }
        @Override public StorageError error() { return StorageError.ALREADY_EXISTS; }
    }

    public static final class PermissionDenied extends StorageException {
        private static final long serialVersionUID = 1L;
        public PermissionDenied(String what) { this(what, null); }
        public PermissionDenied(String what, Throwable cause) { super(what + ": Permission denied", cause); }
        @Override public StorageError error() { return StorageError.PERMISSION_DENIED; }
    }

    public static final class NotADirectory extends StorageException {
        private static final long serialVersionUID = 1L;
        public NotADirectory(String path) { this(path, null); }
        public NotADirectory(String path, Throwable cause) { super(path + ": Not a directory", cause); }
        @Override public StorageError error() { return StorageError.NOT_A_DIRECTORY; }
    }

    public static final class IsADirectory extends StorageException {
        private static final long serialVersionUID = 1L;
        public IsADirectory(String path) { this(path, null); }
        public IsADirectory(String path, Throwable cause) { super(path + ": Is a directory", cause); }
        @Override public StorageError error() { return StorageError.IS_A_DIRECTORY; }
    }

    public static final class DirectoryNotEmpty extends StorageException {
        private static final long serialVersionUID = 1L;
        public DirectoryNotEmpty(String path) { this(path, null); }
        public DirectoryNotEmpty(String path, Throwable cause) { super(path + ": Directory not empty", cause); }
        @Override public StorageError error() { return StorageError.DIRECTORY_NOT_EMPTY; }
    }

    /** A path the endpoint refuses to touch: escapes the root, NUL bytes, over-long names, symlink escapes. */
    public static final class InvalidPath extends StorageException {
        private static final long serialVersionUID = 1L;
        public InvalidPath(String reason) { super(reason, null); }
        @Override public StorageError error() { return StorageError.INVALID_PATH; }
    }

    public static final class QuotaExceeded extends StorageException {
        private static final long serialVersionUID = 1L;
        public QuotaExceeded(String what, Throwable cause) { super(what + ": Quota exceeded or no space left", cause); }
        @Override public StorageError error() { return StorageError.QUOTA_EXCEEDED; }
    }

    public static final class ChecksumMismatch extends StorageException {
        private static final long serialVersionUID = 1L;
        public ChecksumMismatch(String path, String algorithm, String expected, String actual) {
            super(path + ": " + algorithm + " checksum mismatch (expected " + expected + ", got " + actual + ")", null);
        }
        @Override public StorageError error() { return StorageError.CHECKSUM_MISMATCH; }
    }

    public static final class Unsupported extends StorageException {
        private static final long serialVersionUID = 1L;
        public Unsupported(String what) { super(what + ": not supported by this storage gateway", null); }
        @Override public StorageError error() { return StorageError.UNSUPPORTED; }
    }

    /** The backend is overloaded or rate-limiting: retry later. */
    public static final class Busy extends StorageException {
        private static final long serialVersionUID = 1L;
        public Busy(String what, Throwable cause) { super(what + ": storage busy, try again later", cause); }
        @Override public StorageError error() { return StorageError.BUSY; }
    }

    /** An I/O failure that is not known to be permanent (network, EIO, timeouts). */
    public static final class Transient extends StorageException {
        private static final long serialVersionUID = 1L;
        public Transient(String what, Throwable cause) {
            super(what + ": " + (cause == null || cause.getMessage() == null ? "I/O error" : cause.getMessage()), cause);
        }
        @Override public StorageError error() { return StorageError.TRANSIENT; }
    }
}
