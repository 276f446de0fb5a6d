package org.conduit.connector.posix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.conduit.storage.spi.StoragePath;
import org.conduit.storage.spi.StorageSession;
import org.conduit.storage.spi.WriteOptions;
import org.conduit.storage.spi.WriteTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lustre cannot run here, so these tests drive the connector against a stand-in {@code lfs} that honours the
 * same command lines ({@code getstripe -d|-c|-S}, {@code setstripe -c -S}) and records who ran it. They pin
 * what the connector asks of lfs and that files are still created as the mapped user.
 */
class LustreStripingTest {
    @TempDir
    Path state;
    private Path fakeLfs;
    private PosixFixture fixture;

    @BeforeEach
    void writeStandInLfs() throws IOException {
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));
        fakeLfs = state.resolve("lfs");
        Files.writeString(fakeLfs, """
            #!/bin/bash
            state=%s
            echo "$(id -u) $*" >> "$state/calls"
            key() { printf %%s "$1" | md5sum | cut -c1-32; }
            case "$1" in
              getstripe)
                [ "$2" = "-d" ] && exit 0
                f="$state/$(key "$3")"
                [ -f "$f" ] || { echo "$3: no stripe information" >&2; exit 61; }
                if [ "$2" = "-c" ]; then sed -n 1p "$f"; else sed -n 2p "$f"; fi ;;
              setstripe)
                shift; count=1; size=1048576
                while [ $# -gt 1 ]; do case "$1" in -c) count=$2; shift 2;; -S) size=$2; shift 2;; *) shift;; esac; done
                set -o noclobber; : > "$1" || exit 17
                printf '%%s\\n%%s\\n' "$count" "$size" > "$state/$(key "$1")" ;;
              *) exit 22 ;;
            esac
            """.formatted(state));
        Files.setPosixFilePermissions(fakeLfs, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(state.resolve("calls"), "");
        Files.setPosixFilePermissions(state.resolve("calls"), PosixFilePermissions.fromString("rw-rw-rw-"));
        fixture = new PosixFixture(Map.of(PosixConnectorProvider.LFS_COMMAND, fakeLfs.toString(),
            PosixConnectorProvider.LUSTRE_STRIPE_COUNT, "4", PosixConnectorProvider.LUSTRE_STRIPE_SIZE, "4M"));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static void write(StorageSession s, StoragePath p, String text) throws IOException {
        try (WriteTarget out = s.openWrite(p, WriteOptions.replace())) {
            out.write(ByteBuffer.wrap(text.getBytes()));
            out.complete();
        }
    }

    @Test
    void newFilesGetTheGatewayStripeLayoutAndStatShowsIt() throws IOException {
        StoragePath file = StoragePath.parse("/striped.dat");
        try (StorageSession s = fixture.connector().open(fixture.account(), fixture.basePath())) {
            write(s, file, "data");
            var info = s.stat(file);
            assertThat(info.extra()).containsEntry("lustre.stripe_count", "4").containsEntry("lustre.stripe_size", "4M");
            assertThat(info.size()).isEqualTo(4);
            assertThat(info.owner()).isEqualTo(fixture.account().username());
        }
        int uid = fixture.account().posix().orElseThrow().uid();
        assertThat(Files.readAllLines(state.resolve("calls")))
            .contains(uid + " setstripe -c 4 -S 4M " + fixture.gatewayRoot().toRealPath().resolve("collection/striped.dat"));
    }

    @Test
    void overwritingAnExistingFileKeepsItsLayoutAndDoesNotRestripe() throws IOException {
        StoragePath file = StoragePath.parse("/again.dat");
        try (StorageSession s = fixture.connector().open(fixture.account(), fixture.basePath())) {
            write(s, file, "first");
            write(s, file, "second version");
            assertThat(s.stat(file).size()).isEqualTo(14);
        }
        List<String> setstripes = Files.readAllLines(state.resolve("calls")).stream()
            .filter(l -> l.contains("setstripe")).toList();
        assertThat(setstripes).hasSize(1);
    }

    @Test
    void withoutLustreTheSettingsAreInertAndStatHasNoLayout() throws IOException {
        PosixFixture plain = new PosixFixture(Map.of(PosixConnectorProvider.LFS_COMMAND, "/nonexistent/lfs",
            PosixConnectorProvider.LUSTRE_STRIPE_COUNT, "4"));
        try (StorageSession s = plain.connector().open(plain.account(), plain.basePath())) {
            write(s, StoragePath.parse("/plain.dat"), "x");
            assertThat(s.stat(StoragePath.parse("/plain.dat")).extra()).isEmpty();
        } finally {
            plain.close();
        }
    }
}
