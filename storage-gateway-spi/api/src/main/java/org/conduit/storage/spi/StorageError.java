package org.conduit.storage.spi;

/**
 * THE protocol error table. The GridFTP server, the HTTPS mover, the REST exception mappers and the transfer
 * engine read these columns; none of them keeps its own mapping.
 *
 * <p>Columns: FTP reply code, GCT's machine-readable {@code GlobusError} code, HTTP status, REST error code
 * (GCS/Transfer style), Transfer task event code, and whether a retry may help.
 */
public enum StorageError {
    NOT_FOUND(550, "PATH_NOT_FOUND", 404, "NotFound", "FILE_NOT_FOUND", false),
    ALREADY_EXISTS(550, "PATH_EXISTS", 409, "ResourceConflict", "FILE_EXISTS", false),
    PERMISSION_DENIED(550, "PERMISSION_DENIED", 403, "PermissionDenied", "PERMISSION_DENIED", false),
    NOT_A_DIRECTORY(550, "NOT_A_DIRECTORY", 409, "NotADirectory", "NOT_A_DIRECTORY", false),
    IS_A_DIRECTORY(550, "IS_A_DIRECTORY", 409, "IsADirectory", "IS_A_DIRECTORY", false),
    DIRECTORY_NOT_EMPTY(550, "DIRECTORY_NOT_EMPTY", 409, "DirectoryNotEmpty", "DIRECTORY_NOT_EMPTY", false),
    INVALID_PATH(553, "INVALID_PATH", 400, "InvalidPath", "INVALID_PATH", false),
    QUOTA_EXCEEDED(552, "QUOTA_EXCEEDED", 507, "QuotaExceeded", "QUOTA_EXCEEDED", false),
    CHECKSUM_MISMATCH(550, "INCORRECT_CHECKSUM", 412, "ChecksumMismatch", "VERIFY_CHECKSUM", true),
    UNSUPPORTED(504, "NOT_SUPPORTED", 501, "NotSupported", "NOT_SUPPORTED", false),
    BUSY(451, "TOO_BUSY", 503, "ServiceUnavailable", "ENDPOINT_TOO_BUSY", true),
    TRANSIENT(451, "IO_ERROR", 503, "ServiceUnavailable", "CONNECTION_FAILED", true);

    private final int ftpCode;
    private final String globusErrorCode;
    private final int httpStatus;
    private final String restCode;
    private final String taskEventCode;
    private final boolean retryable;

    StorageError(int ftpCode, String globusErrorCode, int httpStatus, String restCode, String taskEventCode,
                 boolean retryable) {
        this.ftpCode = ftpCode;
        this.globusErrorCode = globusErrorCode;
        this.httpStatus = httpStatus;
        this.restCode = restCode;
        this.taskEventCode = taskEventCode;
        this.retryable = retryable;
    }

    public int ftpCode() { return ftpCode; }

    /** The {@code c=} value of GCT's {@code GlobusError: v=1 c=...} reply line. */
    public String globusErrorCode() { return globusErrorCode; }

    public int httpStatus() { return httpStatus; }

    public String restCode() { return restCode; }

    public String taskEventCode() { return taskEventCode; }

    public boolean retryable() { return retryable; }

    /** The multi-line FTP reply GCT sends for this error, e.g. {@code 550-GlobusError: v=1 c=PATH_NOT_FOUND}. */
    public String ftpReply(String message) {
        String text = message.replace('\r', ' ').replace('\n', ' ');
        return ftpCode + "-GlobusError: v=1 c=" + globusErrorCode + "\r\n" + ftpCode + " " + text + "\r\n";
    }
}
