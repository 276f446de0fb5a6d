package org.conduit.storage.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pins every row of the protocol error table; a changed code is a visible, reviewed change. */
class StorageErrorTableTest {

    @ParameterizedTest(name = "{0} -> FTP {1} {2}, HTTP {3}, REST {4}, event {5}, retryable {6}")
    @CsvSource({
        "NOT_FOUND,           550, PATH_NOT_FOUND,      404, NotFound,           FILE_NOT_FOUND,      false",
        "ALREADY_EXISTS,      550, PATH_EXISTS,         409, ResourceConflict,   FILE_EXISTS,         false",
        "PERMISSION_DENIED,   550, PERMISSION_DENIED,   403, PermissionDenied,   PERMISSION_DENIED,   false",
        "NOT_A_DIRECTORY,     550, NOT_A_DIRECTORY,     409, NotADirectory,      NOT_A_DIRECTORY,     false",
        "IS_A_DIRECTORY,      550, IS_A_DIRECTORY,      409, IsADirectory,       IS_A_DIRECTORY,      false",
        "DIRECTORY_NOT_EMPTY, 550, DIRECTORY_NOT_EMPTY, 409, DirectoryNotEmpty,  DIRECTORY_NOT_EMPTY, false",
        "INVALID_PATH,        553, INVALID_PATH,        400, InvalidPath,        INVALID_PATH,        false",
        "QUOTA_EXCEEDED,      552, QUOTA_EXCEEDED,      507, QuotaExceeded,      QUOTA_EXCEEDED,      false",
        "CHECKSUM_MISMATCH,   550, INCORRECT_CHECKSUM,  412, ChecksumMismatch,   VERIFY_CHECKSUM,     true",
        "UNSUPPORTED,         504, NOT_SUPPORTED,       501, NotSupported,       NOT_SUPPORTED,       false",
        "BUSY,                451, TOO_BUSY,            503, ServiceUnavailable, ENDPOINT_TOO_BUSY,   true",
        "TRANSIENT,           451, IO_ERROR,            503, ServiceUnavailable, CONNECTION_FAILED,   true",
    })
    void everyRowMapsToItsProtocolCodes(StorageError error, int ftp, String globus, int http, String rest,
                                        String event, boolean retryable) {
        assertThat(error.ftpCode()).isEqualTo(ftp);
        assertThat(error.globusErrorCode()).isEqualTo(globus);
        assertThat(error.httpStatus()).isEqualTo(http);
        assertThat(error.restCode()).isEqualTo(rest);
        assertThat(error.taskEventCode()).isEqualTo(event);
        assertThat(error.retryable()).isEqualTo(retryable);
    }

    @Test
    void tableHasExactlyThePinnedRows() {
        assertThat(StorageError.values()).hasSize(12);
    }

    @Test
    void everyExceptionTypeHasItsOwnRow() {
        Map<Class<?>, Supplier<StorageException>> samples = Map.ofEntries(
            Map.entry(StorageException.NotFound.class, () -> new StorageException.NotFound("/p")),
            Map.entry(StorageException.AlreadyExists.class, () -> new StorageException.AlreadyExists("/p")),
            Map.entry(StorageException.PermissionDenied.class, () -> new StorageException.PermissionDenied("/p")),
            Map.entry(StorageException.NotADirectory.class, () -> new StorageException.NotADirectory("/p")),
            Map.entry(StorageException.IsADirectory.class, () -> new StorageException.IsADirectory("/p")),
            Map.entry(StorageException.DirectoryNotEmpty.class, () -> new StorageException.DirectoryNotEmpty("/p")),
            Map.entry(StorageException.InvalidPath.class, () -> new StorageException.InvalidPath("bad")),
            Map.entry(StorageException.QuotaExceeded.class, () -> new StorageException.QuotaExceeded("/p", null)),
            Map.entry(StorageException.ChecksumMismatch.class,
                () -> new StorageException.ChecksumMismatch("/p", "MD5", "a", "b")),
            Map.entry(StorageException.Unsupported.class, () -> new StorageException.Unsupported("x")),
            Map.entry(StorageException.Busy.class, () -> new StorageException.Busy("/p", null)),
            Map.entry(StorageException.Transient.class, () -> new StorageException.Transient("/p", null)));
        assertThat(StorageException.class.getPermittedSubclasses()).containsExactlyInAnyOrderElementsOf(samples.keySet());
        assertThat(samples.values().stream().map(s -> s.get().error()).distinct())
            .containsExactlyInAnyOrder(StorageError.values());
        samples.values().forEach(s -> assertThat(s.get().retryable()).isEqualTo(s.get().error().retryable()));
    }

    @Test
    void ftpReplyCarriesGlobusErrorLineAndCannotBeSplitByInjectedLineBreaks() {
        String reply = StorageError.NOT_FOUND.ftpReply("/x\r\n226 fake: No such file or directory");
        assertThat(reply).isEqualTo("550-GlobusError: v=1 c=PATH_NOT_FOUND\r\n"
            + "550 /x  226 fake: No such file or directory\r\n");
        assertThat(Arrays.stream(reply.split("\r\n"))).allMatch(line -> line.startsWith("550"));
    }
}
