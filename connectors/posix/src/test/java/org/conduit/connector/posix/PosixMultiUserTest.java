package org.conduit.connector.posix;

import org.conduit.storage.tck.LocalUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.conduit.storage.spi.ConnectorConfig;
import org.conduit.storage.spi.LocalAccount;
import org.conduit.storage.spi.StorageConnector;
import org.conduit.storage.spi.StorageException;
import org.conduit.storage.spi.StoragePath;
import org.conduit.storage.spi.StorageSession;
import org.conduit.storage.spi.WriteOptions;
import org.conduit.storage.spi.WriteTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A multi-user DTN: the kernel, not our code, enforces each mapped user's permissions, and what a user
 * creates belongs to that user. Needs root (CI runs as root) to create users and switch identities.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PosixMultiUserTest {
    private static final String ALICE = "conduit-alice";
    private static final String BOB = "conduit-bob";
    private static final String PROJECT = "conduit-proj";
    private static final String BANNED = "conduit-banned";

    private LocalAccount alice;
    private LocalAccount bob;
    private PosixFixture fixture;
    private Path shared;

    @BeforeAll
    void createUsersAndSharedFolder() throws IOException {
        assumeTrue(LocalUsers.isRoot(), "per-user credentials need the node to run as root");
        alice = LocalUsers.ensure(ALICE, PROJECT);
        bob = LocalUsers.ensure(BOB, BANNED);
        fixture = new PosixFixture();
        shared = fixture.gatewayRoot().resolve("shared");
        Files.createDirectory(shared);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @AfterAll
    void removeFolder() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private StorageSession as(LocalAccount account) {
        return fixture.connector().open(account, "/shared");
    }

    private static void write(StorageSession s, String path, String content) {
        try (WriteTarget out = s.openWrite(StoragePath.parse(path), WriteOptions.replace())) {
            out.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            out.complete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(StorageSession s, String path) {
        try (ReadableByteChannel in = s.openRead(StoragePath.parse(path), 0, -1)) {
            ByteBuffer b = ByteBuffer.allocate(4096);
            while (in.read(b) >= 0) {
                if (!b.hasRemaining()) {
                    break;
                }
            }
            return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void filesAndDirectoriesAliceCreatesAreOwnedByAlice() throws IOException {
        try (StorageSession s = as(alice)) {
            write(s, "/alice-owned.txt", "mine");
            s.mkdir(StoragePath.parse("/alice-dir/sub"), true);
            assertThat(s.stat(StoragePath.parse("/alice-owned.txt")).owner()).isEqualTo(ALICE);
        }
        assertThat(Files.getOwner(shared.resolve("alice-owned.txt")).getName()).isEqualTo(ALICE);
        assertThat(Files.getOwner(shared.resolve("alice-dir/sub")).getName()).isEqualTo(ALICE);
        assertThat(Files.readAttributes(shared.resolve("alice-owned.txt"),
            java.nio.file.attribute.PosixFileAttributes.class).group().getName()).isEqualTo(ALICE);
    }

    @Test
    void aliceCannotReadBobsPrivateFileButBobCan() {
        try (StorageSession s = as(bob)) {
            write(s, "/bob-private.txt", "bob's secret");
            ((org.conduit.storage.spi.PermissionSetter) s).setMode(StoragePath.parse("/bob-private.txt"), 0600);
            assertThat(read(s, "/bob-private.txt")).isEqualTo("bob's secret");
        }
        try (StorageSession s = as(alice)) {
            assertThatThrownBy(() -> s.openRead(StoragePath.parse("/bob-private.txt"), 0, -1))
                .isInstanceOf(StorageException.PermissionDenied.class);
            assertThatThrownBy(() -> s.openWrite(StoragePath.parse("/bob-private.txt"), WriteOptions.replace()))
                .isInstanceOf(StorageException.PermissionDenied.class);
        }
    }

    @Test
    void aliceCannotWriteIntoBobsDirectoryNorDeleteFromIt() throws IOException {
        try (StorageSession s = as(bob)) {
            s.mkdir(StoragePath.parse("/bob-dir"), false);
            write(s, "/bob-dir/keep.txt", "keep");
        }
        Files.setPosixFilePermissions(shared.resolve("bob-dir"), PosixFilePermissions.fromString("rwxr-xr-x"));
        try (StorageSession s = as(alice)) {
            assertThatThrownBy(() -> write(s, "/bob-dir/planted.txt", "x"))
                .isInstanceOf(StorageException.PermissionDenied.class);
            assertThatThrownBy(() -> s.delete(StoragePath.parse("/bob-dir/keep.txt"), false))
                .isInstanceOf(StorageException.PermissionDenied.class);
            assertThat(read(s, "/bob-dir/keep.txt")).isEqualTo("keep");
        }
        assertThat(shared.resolve("bob-dir/planted.txt")).doesNotExist();
    }

    @Test
    void supplementaryGroupGrantsAccessToGroupReadableFile() throws IOException {
        Path projectFile = shared.resolve("project.txt");
        Files.writeString(projectFile, "for the project");
        LocalUsers.sh("chown", "root:" + PROJECT, projectFile.toString());
        Files.setPosixFilePermissions(projectFile, PosixFilePermissions.fromString("rw-r-----"));
        try (StorageSession s = as(alice)) {
            assertThat(read(s, "/project.txt")).isEqualTo("for the project");
        }
        try (StorageSession s = as(bob)) {
            assertThatThrownBy(() -> s.openRead(StoragePath.parse("/project.txt"), 0, -1))
                .isInstanceOf(StorageException.PermissionDenied.class);
        }
    }

    @Test
    void concurrentSessionsOfDifferentUsersNeverSeeEachOthersRights() throws Exception {
        try (StorageSession s = as(bob)) {
            write(s, "/bob-only.txt", "b");
            ((org.conduit.storage.spi.PermissionSetter) s).setMode(StoragePath.parse("/bob-only.txt"), 0600);
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                boolean asBob = i % 2 == 0;
                int n = i;
                results.add(pool.submit(() -> {
                    try (StorageSession s = as(asBob ? bob : alice)) {
                        if (asBob) {
                            assertThat(read(s, "/bob-only.txt")).isEqualTo("b");
                        } else {
                            assertThatThrownBy(() -> s.openRead(StoragePath.parse("/bob-only.txt"), 0, -1))
                                .isInstanceOf(StorageException.PermissionDenied.class);
                            write(s, "/race-" + n + ".txt", "a");
                            assertThat(s.stat(StoragePath.parse("/race-" + n + ".txt")).owner()).isEqualTo(ALICE);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCallingThreadIsRootAgainAfterEachOperation() throws IOException {
        try (StorageSession s = as(alice)) {
            s.stat(StoragePath.root());
        }
        String status = Files.readString(Path.of("/proc/thread-self/status"));
        assertThat(status).containsPattern("(?m)^Uid:\\s+0\\s+0\\s+0\\s+0$").containsPattern("(?m)^Gid:\\s+0\\s+0\\s+0\\s+0$");
    }

    @Test
    void anAccountWithUidZeroIsRefused() {
        LocalAccount root = LocalAccount.posix("root", new LocalAccount.PosixIds(0, 0, new int[] {0}, "/root"));
        assertThatThrownBy(() -> as(root)).isInstanceOf(StorageException.PermissionDenied.class)
            .hasMessageContaining("uid/gid 0");
    }

    @Test
    void groupsDenyAndGroupsAllowDecideWhoMayOpenASession() {
        PosixConnectorProvider provider = new PosixConnectorProvider();
        try (StorageConnector gateway = provider.create(ConnectorConfig.validate(provider, Map.of(
                PosixConnectorProvider.ROOT, fixture.gatewayRoot().toString(),
                PosixConnectorProvider.GROUPS_ALLOW, PROJECT + "," + BANNED,
                PosixConnectorProvider.GROUPS_DENY, BANNED)))) {
            assertThatThrownBy(() -> gateway.open(bob, "/shared"))
                .isInstanceOf(StorageException.PermissionDenied.class).hasMessageContaining("groups_deny");
            LocalAccount tck = LocalUsers.ensure(PosixFixture.TCK_USER);
            assertThatThrownBy(() -> gateway.open(tck, "/shared"))
                .isInstanceOf(StorageException.PermissionDenied.class).hasMessageContaining("groups_allow");
            gateway.open(alice, "/shared").close();
        }
    }

    @Test
    void unknownGroupInPolicyIsAConfigurationError() {
        PosixConnectorProvider provider = new PosixConnectorProvider();
        assertThatThrownBy(() -> provider.create(ConnectorConfig.validate(provider, Map.of(
                PosixConnectorProvider.ROOT, fixture.gatewayRoot().toString(),
                PosixConnectorProvider.GROUPS_ALLOW, "no-such-group-xyz"))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-group-xyz");
    }

    @Test
    void sessionBasePathOutsideTheGatewayRootIsRefused() throws IOException {
        Files.createSymbolicLink(fixture.gatewayRoot().resolve("etc-link"), Path.of("/etc"));
        assertThatThrownBy(() -> fixture.connector().open(alice, "/etc-link"))
            .isInstanceOf(StorageException.PermissionDenied.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> fixture.connector().open(alice, "/../etc"))
            .isInstanceOf(StorageException.InvalidPath.class);
    }
}
