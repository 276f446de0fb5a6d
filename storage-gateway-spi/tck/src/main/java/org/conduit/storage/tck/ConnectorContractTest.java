package org.conduit.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.conduit.storage.spi.Capabilities;
import org.conduit.storage.spi.ChecksumAlgorithm;
import org.conduit.storage.spi.Checksums;
import org.conduit.storage.spi.FileInfo;
import org.conduit.storage.spi.FileType;
import org.conduit.storage.spi.Listing;
import org.conduit.storage.spi.MtimeSetter;
import org.conduit.storage.spi.PositionalWrites;
import org.conduit.storage.spi.StorageException;
import org.conduit.storage.spi.StoragePath;
import org.conduit.storage.spi.StorageSession;
import org.conduit.storage.spi.WriteOptions;
import org.conduit.storage.spi.WriteTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The connector contract kit. A connector module opts in with one subclass that returns its fixture:
 *
 * <pre>{@code
 * class PosixConnectorContractTest extends ConnectorContractTest {
 *     protected ConnectorFixture createFixture() { return new PosixFixture(...); }
 * }
 * }</pre>
 *
 * Every test runs in its own fresh directory under the fixture's base path. Optional parts skip themselves
 * only when the session lacks the capability, never for convenience.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
public abstract class ConnectorContractTest {
    private static final long FOUR_GIB = 4L << 30;

    private ConnectorFixture fixture;
    protected StorageSession session;
    /** This test's own directory inside the session. */
    protected StoragePath dir;

    protected abstract ConnectorFixture createFixture();

    @BeforeAll
    void startFixture() {
        fixture = createFixture();
    }

    @AfterAll
    void stopFixture() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    void openSessionInFreshDirectory(TestInfo test) {
        session = openSession();
        dir = StoragePath.root().resolve("tck-" + test.getTestMethod().orElseThrow().getName() + "-"
            + UUID.randomUUID().toString().substring(0, 8));
        session.mkdir(dir, false);
    }

    @AfterEach
    void removeDirectoryAndClose() {
        try {
            session.delete(dir, true);
        } finally {
            session.close();
        }
    }

    protected StorageSession openSession() {
        return fixture.connector().open(fixture.account(), fixture.basePath());
    }

    // ---------------------------------------------------------------- helpers

    protected void write(StoragePath path, byte[] content) {
        write(session, path, content);
    }

    protected static void write(StorageSession s, StoragePath path, byte[] content) {
        try (WriteTarget out = s.openWrite(path, WriteOptions.replace().withExpectedSize(content.length))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.complete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected byte[] read(StoragePath path, long offset, long length) {
        return read(session, path, offset, length);
    }

    protected static byte[] read(StorageSession s, StoragePath path, long offset, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try (ReadableByteChannel in = s.openRead(path, offset, length)) {
            while (in.read(buffer) >= 0) {
                out.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    protected static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    protected List<FileInfo> listAll(StoragePath directory) {
        List<FileInfo> all = new ArrayList<>();
        try (Listing listing = session.list(directory)) {
            listing.forEachRemaining(all::add);
        }
        return all;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- stat

    @Test
    void statOfRootIsADirectory() {
        assertThat(session.stat(StoragePath.root()).type()).isEqualTo(FileType.DIRECTORY);
    }

    @Test
    void statOfMissingPathThrowsNotFound() {
        assertThatThrownBy(() -> session.stat(dir.resolve("missing")))
            .isInstanceOf(StorageException.NotFound.class);
    }

    @Test
    void statReportsTypeSizeAndRecentModificationTime() {
        Instant before = Instant.now().minus(1, ChronoUnit.MINUTES);
        StoragePath file = dir.resolve("f.bin");
        write(file, randomBytes(12_345, 1));
        FileInfo info = session.stat(file);
        assertThat(info.type()).isEqualTo(FileType.FILE);
        assertThat(info.size()).isEqualTo(12_345);
        assertThat(info.path()).isEqualTo(file);
        assertThat(info.name()).isEqualTo("f.bin");
        assertThat(info.modified()).isAfter(before).isBefore(Instant.now().plus(1, ChronoUnit.MINUTES));
        assertThat(session.stat(dir).type()).isEqualTo(FileType.DIRECTORY);
    }

    @Test
    void statOfPathBelowAFileFails() {
        StoragePath file = dir.resolve("plain");
        write(file, utf8("x"));
        assertThatThrownBy(() -> session.stat(file.resolve("child")))
            .isInstanceOfAny(StorageException.NotADirectory.class, StorageException.NotFound.class);
    }

    // ---------------------------------------------------------------- read and write

    @Test
    void writtenBytesReadBackIdentically() {
        for (int size : new int[] {0, 1, 65_536, 3 * 1024 * 1024 + 7}) {
            StoragePath file = dir.resolve("size-" + size);
            byte[] content = randomBytes(size, size);
            write(file, content);
            assertThat(read(file, 0, -1)).as("content of %d bytes", size).isEqualTo(content);
            assertThat(session.stat(file).size()).isEqualTo(size);
        }
    }

    @Test
    void replaceTruncatesALongerExistingFile() {
        StoragePath file = dir.resolve("shrink.txt");
        write(file, utf8("a much longer first version"));
        write(file, utf8("short"));
        assertThat(read(file, 0, -1)).isEqualTo(utf8("short"));
    }

    @Test
    void createNewOnExistingFileThrowsAlreadyExistsAndKeepsContent() {
        StoragePath file = dir.resolve("keep.txt");
        write(file, utf8("original"));
        assertThatThrownBy(() -> session.openWrite(file, WriteOptions.createNew()).close())
            .isInstanceOf(StorageException.AlreadyExists.class);
        assertThat(read(file, 0, -1)).isEqualTo(utf8("original"));
    }

    @Test
    void writeIntoMissingDirectoryThrowsNotFound() {
        assertThatThrownBy(() -> session.openWrite(dir.resolve("nope").resolve("f"), WriteOptions.replace()).close())
            .isInstanceOf(StorageException.NotFound.class);
    }

    @Test
    void writeOntoADirectoryThrowsIsADirectory() {
        StoragePath sub = dir.resolve("sub");
        session.mkdir(sub, false);
        assertThatThrownBy(() -> session.openWrite(sub, WriteOptions.replace()).close())
            .isInstanceOfAny(StorageException.IsADirectory.class, StorageException.AlreadyExists.class);
    }

    @Test
    void rangeReadReturnsExactlyTheRequestedSlice() {
        StoragePath file = dir.resolve("range.bin");
        byte[] content = randomBytes(100_000, 7);
        write(file, content);
        assertThat(read(file, 1000, 500)).isEqualTo(java.util.Arrays.copyOfRange(content, 1000, 1500));
        assertThat(read(file, 99_990, -1)).isEqualTo(java.util.Arrays.copyOfRange(content, 99_990, 100_000));
        assertThat(read(file, 0, 1)).containsExactly(content[0]);
    }

    @Test
    void rangeReadPastTheEndYieldsFewerBytesNotAnError() {
        StoragePath file = dir.resolve("short.bin");
        write(file, utf8("0123456789"));
        assertThat(read(file, 8, 100)).isEqualTo(utf8("89"));
        assertThat(read(file, 10, 5)).isEmpty();
        assertThat(read(file, 50, -1)).isEmpty();
    }

    @Test
    void readOfMissingFileThrowsNotFound() {
        assertThatThrownBy(() -> session.openRead(dir.resolve("ghost"), 0, -1).close())
            .isInstanceOf(StorageException.NotFound.class);
    }

    @Test
    void readOfADirectoryThrowsIsADirectory() {
        assertThatThrownBy(() -> session.openRead(dir, 0, -1).close())
            .isInstanceOf(StorageException.IsADirectory.class);
    }

    // ---------------------------------------------------------------- positional writes

    @Test
    void positionalWritesOfShuffledBlocksFromManyThreadsReassembleTheFile() throws Exception {
        PositionalWrites writes = Capabilities.as(session, PositionalWrites.class).orElse(null);
        assumeTrue(writes != null, "connector has no PositionalWrites capability");
        int blockSize = 256 * 1024 + 3;
        byte[] content = randomBytes(blockSize * 37 + 1234, 42);
        List<Long> offsets = new ArrayList<>();
        for (long off = 0; off < content.length; off += blockSize) {
            offsets.add(off);
        }
        Collections.shuffle(offsets, new Random(3));
        StoragePath file = dir.resolve("modee.bin");
        ExecutorService streams = Executors.newFixedThreadPool(4);
        try (PositionalWrites.PositionalTarget target =
                 writes.openPositional(file, WriteOptions.replace().withExpectedSize(content.length))) {
            List<Future<?>> done = new ArrayList<>();
            for (long off : offsets) {
                int len = (int) Math.min(blockSize, content.length - off);
                done.add(streams.submit(() -> target.write(ByteBuffer.wrap(content, (int) off, len), off)));
            }
            for (Future<?> f : done) {
                f.get();
            }
            target.complete();
        } finally {
            streams.shutdownNow();
        }
        assertThat(session.stat(file).size()).isEqualTo(content.length);
        assertThat(read(file, 0, -1)).isEqualTo(content);
    }

    // ---------------------------------------------------------------- listing

    @Test
    void listShowsEveryEntryWithItsTypeAndSize() {
        write(dir.resolve("a.txt"), utf8("aaa"));
        write(dir.resolve("b.txt"), utf8("bb"));
        session.mkdir(dir.resolve("sub"), false);
        List<FileInfo> entries = listAll(dir);
        assertThat(entries).extracting(FileInfo::name).containsExactlyInAnyOrder("a.txt", "b.txt", "sub");
        FileInfo a = entries.stream().filter(e -> e.name().equals("a.txt")).findFirst().orElseThrow();
        assertThat(a.size()).isEqualTo(3);
        assertThat(a.type()).isEqualTo(FileType.FILE);
        assertThat(a.path()).isEqualTo(dir.resolve("a.txt"));
        assertThat(entries.stream().filter(e -> e.name().equals("sub")).findFirst().orElseThrow().type())
            .isEqualTo(FileType.DIRECTORY);
    }

    @Test
    void listOfEmptyDirectoryIsEmpty() {
        assertThat(listAll(dir)).isEmpty();
    }

    @Test
    void listOfMissingDirectoryThrowsNotFound() {
        assertThatThrownBy(() -> session.list(dir.resolve("missing")).close())
            .isInstanceOf(StorageException.NotFound.class);
    }

    @Test
    void listOfAFileThrowsNotADirectory() {
        StoragePath file = dir.resolve("f");
        write(file, utf8("x"));
        assertThatThrownBy(() -> session.list(file).close()).isInstanceOf(StorageException.NotADirectory.class);
    }

    @Test
    @Tag("large")
    void listingOfTenThousandEntriesIsStreamedCompletely() {
        StoragePath big = dir.resolve("big");
        session.mkdir(big, false);
        int count = 10_000;
        for (int i = 0; i < count; i++) {
            write(big.resolve(String.format("entry-%05d", i)), new byte[0]);
        }
        Set<String> seen = new HashSet<>();
        try (Listing listing = session.list(big)) {
            // The first entry must arrive before the listing is consumed: a streamed listing.
            assertThat(listing.hasNext()).isTrue();
            listing.forEachRemaining(e -> seen.add(e.name()));
        }
        assertThat(seen).hasSize(count).contains("entry-00000", "entry-09999");
    }

    @Test
    void listingAbandonedEarlyCanBeClosed() {
        for (int i = 0; i < 50; i++) {
            write(dir.resolve("f" + i), new byte[0]);
        }
        try (Listing listing = session.list(dir)) {
            assertThat(listing.next()).isNotNull();
        }
    }

    // ---------------------------------------------------------------- mkdir

    @Test
    void mkdirWithParentsCreatesEveryLevel() {
        StoragePath deep = dir.resolvePath("a/b/c/d");
        session.mkdir(deep, true);
        assertThat(session.stat(deep).type()).isEqualTo(FileType.DIRECTORY);
        assertThat(session.stat(dir.resolvePath("a/b")).type()).isEqualTo(FileType.DIRECTORY);
        session.mkdir(deep, true); // existing directory is fine with parents
    }

    @Test
    void mkdirOfExistingDirectoryWithoutParentsThrowsAlreadyExists() {
        StoragePath sub = dir.resolve("sub");
        session.mkdir(sub, false);
        assertThatThrownBy(() -> session.mkdir(sub, false)).isInstanceOf(StorageException.AlreadyExists.class);
    }

    @Test
    void mkdirUnderMissingParentWithoutParentsThrowsNotFound() {
        assertThatThrownBy(() -> session.mkdir(dir.resolvePath("x/y"), false))
            .isInstanceOf(StorageException.NotFound.class);
    }

    @Test
    void mkdirWhereAFileExistsFails() {
        StoragePath file = dir.resolve("file");
        write(file, utf8("x"));
        assertThatThrownBy(() -> session.mkdir(file, true))
            .isInstanceOfAny(StorageException.AlreadyExists.class, StorageException.NotADirectory.class);
        assertThatThrownBy(() -> session.mkdir(file.resolve("below"), true))
            .isInstanceOfAny(StorageException.NotADirectory.class, StorageException.AlreadyExists.class);
    }

    // ---------------------------------------------------------------- delete

    @Test
    void deleteRemovesAFile() {
        StoragePath file = dir.resolve("gone.txt");
        write(file, utf8("x"));
        session.delete(file, false);
        assertThatThrownBy(() -> session.stat(file)).isInstanceOf(StorageException.NotFound.class);
    }

    @Test
    void deleteOfMissingPathThrowsNotFound() {
        assertThatThrownBy(() -> session.delete(dir.resolve("ghost"), false))
            .isInstanceOf(StorageException.NotFound.class);
    }

    @Test
    void deleteOfNonEmptyDirectoryNeedsRecursive() {
        StoragePath tree = dir.resolve("tree");
        session.mkdir(tree.resolvePath("x/y"), true);
        write(tree.resolvePath("x/y/leaf.txt"), utf8("leaf"));
        write(tree.resolve("top.txt"), utf8("top"));
        assertThatThrownBy(() -> session.delete(tree, false))
            .isInstanceOf(StorageException.DirectoryNotEmpty.class);
        assertThat(read(tree.resolvePath("x/y/leaf.txt"), 0, -1)).isEqualTo(utf8("leaf"));
        session.delete(tree, true);
        assertThatThrownBy(() -> session.stat(tree)).isInstanceOf(StorageException.NotFound.class);
    }

    @Test
    void deleteOfEmptyDirectoryWorksWithoutRecursive() {
        StoragePath sub = dir.resolve("empty");
        session.mkdir(sub, false);
        session.delete(sub, false);
        assertThat(listAll(dir)).isEmpty();
    }

    @Test
    void theSessionRootCannotBeDeleted() {
        assertThatThrownBy(() -> session.delete(StoragePath.root(), true)).isInstanceOf(StorageException.class);
        assertThat(session.stat(dir).type()).isEqualTo(FileType.DIRECTORY);
    }

    // ---------------------------------------------------------------- rename

    @Test
    void renameMovesFilesAndDirectories() {
        StoragePath file = dir.resolve("old.txt");
        write(file, utf8("payload"));
        StoragePath sub = dir.resolve("sub");
        session.mkdir(sub, false);
        StoragePath moved = sub.resolve("new.txt");
        session.rename(file, moved, false);
        assertThat(read(moved, 0, -1)).isEqualTo(utf8("payload"));
        assertThatThrownBy(() -> session.stat(file)).isInstanceOf(StorageException.NotFound.class);

        StoragePath renamedDir = dir.resolve("renamed");
        session.rename(sub, renamedDir, false);
        assertThat(read(renamedDir.resolve("new.txt"), 0, -1)).isEqualTo(utf8("payload"));
    }

    @Test
    void renameOntoExistingFileNeedsReplace() {
        StoragePath a = dir.resolve("a");
        StoragePath b = dir.resolve("b");
        write(a, utf8("A"));
        write(b, utf8("B"));
        assertThatThrownBy(() -> session.rename(a, b, false)).isInstanceOf(StorageException.AlreadyExists.class);
        assertThat(read(b, 0, -1)).isEqualTo(utf8("B"));
        session.rename(a, b, true);
        assertThat(read(b, 0, -1)).isEqualTo(utf8("A"));
    }

    @Test
    void renameOfMissingSourceThrowsNotFound() {
        assertThatThrownBy(() -> session.rename(dir.resolve("ghost"), dir.resolve("x"), false))
            .isInstanceOf(StorageException.NotFound.class);
    }

    // ---------------------------------------------------------------- checksums and mtime

    @Test
    void checksumsMatchKnownVectors() {
        StoragePath abc = dir.resolve("abc");
        write(abc, utf8("abc"));
        assertThat(Checksums.of(session, abc, ChecksumAlgorithm.MD5)).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(Checksums.of(session, abc, ChecksumAlgorithm.ADLER32)).isEqualTo("024d0127");
        assertThat(Checksums.of(session, abc, ChecksumAlgorithm.SHA1))
            .isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(Checksums.of(session, abc, ChecksumAlgorithm.SHA256))
            .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Checksums.of(session, abc, ChecksumAlgorithm.SHA512)).startsWith("ddaf35a193617aba");
    }

    @Test
    void partialChecksumCoversOnlyTheRange() {
        StoragePath file = dir.resolve("xabcx");
        write(file, utf8("xabcx"));
        assertThat(Checksums.streamed(session, file, ChecksumAlgorithm.MD5, 1, 3))
            .isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    }

    @Test
    void checksumOfLargeFileEqualsLocalDigest() {
        StoragePath file = dir.resolve("big.bin");
        byte[] content = randomBytes(5 * 1024 * 1024 + 11, 5);
        write(file, content);
        ChecksumAlgorithm.Checksum local = ChecksumAlgorithm.SHA256.start();
        local.update(ByteBuffer.wrap(content));
        assertThat(Checksums.of(session, file, ChecksumAlgorithm.SHA256)).isEqualTo(local.hex());
    }

    @Test
    void setModifiedTimeIsVisibleInStat() {
        MtimeSetter setter = Capabilities.as(session, MtimeSetter.class).orElse(null);
        assumeTrue(setter != null, "connector has no MtimeSetter capability");
        StoragePath file = dir.resolve("dated.txt");
        write(file, utf8("x"));
        Instant past = Instant.parse("2001-02-03T04:05:06Z");
        setter.setModified(file, past);
        assertThat(session.stat(file).modified()).isEqualTo(past);
    }

    // ---------------------------------------------------------------- large files

    @Test
    @Tag("large")
    void fileLargerThanFourGibibytesKeepsItsSizeAndHighOffsets() throws IOException {
        StoragePath file = dir.resolve("huge.bin");
        byte[] tail = utf8("the end beyond 4 GiB");
        long tailOffset = FOUR_GIB + 1_000_000;
        boolean sparse = session.capabilities().has(Capabilities.Trait.SPARSE_FILES)
            && session.capabilities().has(PositionalWrites.class);
        if (sparse) {
            try (PositionalWrites.PositionalTarget out = ((PositionalWrites) session)
                     .openPositional(file, WriteOptions.replace())) {
                out.write(ByteBuffer.wrap(utf8("head")), 0);
                out.write(ByteBuffer.wrap(tail), tailOffset);
                out.complete();
            }
        } else {
            writeStreamedLargeFile(file, tailOffset, tail);
        }
        assertThat(session.stat(file).size()).isEqualTo(tailOffset + tail.length);
        assertThat(read(file, tailOffset, -1)).isEqualTo(tail);
        assertThat(read(file, FOUR_GIB - 2, 4)).hasSize(4);
    }

    /** Backends without holes get the real bytes: zeros, then the head/tail markers. */
    private void writeStreamedLargeFile(StoragePath file, long tailOffset, byte[] tail) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect(8 << 20);
        try (WriteTarget out = session.openWrite(file, WriteOptions.replace().withExpectedSize(tailOffset + tail.length))) {
            long written = 0;
            while (written < tailOffset) {
                zeros.clear();
                zeros.limit((int) Math.min(zeros.capacity(), tailOffset - written));
                while (zeros.hasRemaining()) {
                    written += out.write(zeros);
                }
            }
            ByteBuffer t = ByteBuffer.wrap(tail);
            while (t.hasRemaining()) {
                out.write(t);
            }
            out.complete();
        }
    }

    // ---------------------------------------------------------------- names

    @Test
    void unicodeAndSpaceLadenNamesRoundTrip() {
        List<String> names = List.of("ünïcødé ☃.txt", "two  spaces .dat", " leading space", "日本語のファイル",
            "emoji \uD83D\uDE80 rocket", "semi;colon=equals&amp", "percent%20encoded", "quote'\"s");
        for (String name : names) {
            write(dir.resolve(name), utf8(name));
        }
        assertThat(listAll(dir)).extracting(FileInfo::name).containsExactlyInAnyOrderElementsOf(names);
        for (String name : names) {
            assertThat(read(dir.resolve(name), 0, -1)).as(name).isEqualTo(utf8(name));
        }
        StoragePath unicodeDir = dir.resolve("répertoire à moi");
        session.mkdir(unicodeDir, false);
        session.rename(dir.resolve(names.get(0)), unicodeDir.resolve(names.get(0)), false);
        assertThat(session.stat(unicodeDir.resolve(names.get(0))).size()).isEqualTo(utf8(names.get(0)).length);
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void manySessionsAtOnceDoNotInterfere() throws Exception {
        int sessions = 16;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    try (StorageSession own = openSession()) {
                        StoragePath mine = dir.resolve("worker-" + n);
                        own.mkdir(mine, false);
                        for (int f = 0; f < 10; f++) {
                            byte[] content = randomBytes(10_000 + f, n * 100L + f);
                            StoragePath file = mine.resolve("f" + f);
                            write(own, file, content);
                            assertThat(read(own, file, 0, -1)).isEqualTo(content);
                        }
                        try (Listing l = own.list(mine)) {
                            int count = 0;
                            while (l.hasNext()) {
                                l.next();
                                count++;
                            }
                            assertThat(count).isEqualTo(10);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(listAll(dir)).hasSize(sessions);
    }

    // ---------------------------------------------------------------- escapes

    @Test
    void symlinkLeadingOutsideTheRootIsRefusedForEveryOperation() {
        assumeTrue(fixture.createEscapingSymlink(dir, "escape"), "backend has no symbolic links");
        StoragePath link = dir.resolve("escape");
        StoragePath secret = link.resolve("secret.txt");
        assertThatThrownBy(() -> session.openRead(secret, 0, -1).close())
            .isInstanceOf(StorageException.PermissionDenied.class);
        assertThatThrownBy(() -> session.stat(secret)).isInstanceOf(StorageException.PermissionDenied.class);
        assertThatThrownBy(() -> session.list(link).close()).isInstanceOf(StorageException.PermissionDenied.class);
        assertThatThrownBy(() -> session.openWrite(link.resolve("planted.txt"), WriteOptions.replace()).close())
            .isInstanceOf(StorageException.PermissionDenied.class);
        assertThatThrownBy(() -> session.mkdir(link.resolve("newdir"), false))
            .isInstanceOf(StorageException.PermissionDenied.class);
        assertThatThrownBy(() -> session.delete(secret, false)).isInstanceOf(StorageException.PermissionDenied.class);
        assertThatThrownBy(() -> session.rename(secret, dir.resolve("stolen"), false))
            .isInstanceOf(StorageException.PermissionDenied.class);
    }

    @Test
    void sessionsOfOneRootSeeEachOthersWrites() {
        StoragePath file = dir.resolve("shared.txt");
        write(file, utf8("visible"));
        try (StorageSession other = openSession()) {
            assertThat(read(other, file, 0, -1)).isEqualTo(utf8("visible"));
        }
    }
}
