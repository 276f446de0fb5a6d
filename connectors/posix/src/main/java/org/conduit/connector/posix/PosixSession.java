package org.conduit.connector.posix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.conduit.storage.spi.Capabilities;
import org.conduit.storage.spi.FileInfo;
import org.conduit.storage.spi.FileType;
import org.conduit.storage.spi.LocalAccount.PosixIds;
import org.conduit.storage.spi.Listing;
import org.conduit.storage.spi.MtimeSetter;
import org.conduit.storage.spi.PermissionSetter;
import org.conduit.storage.spi.PositionalWrites;
import org.conduit.storage.spi.StorageException;
import org.conduit.storage.spi.StoragePath;
import org.conduit.storage.spi.StorageSession;
import org.conduit.storage.spi.WriteOptions;
import org.conduit.storage.spi.WriteTarget;

/**
 * A session on a local or Lustre file system. Every call that resolves a path runs inside
 * {@link AccountScope#call} as the mapped account, and checks there that the path's real location (symlinks
 * followed) stays below the session root. Check-then-use leaves a window in which a user who can write the
 * tree could swap a directory for a symlink; in root mode the kernel still applies that user's own
 * permissions to whatever the link reaches.
 */
final class PosixSession implements StorageSession, PositionalWrites, MtimeSetter, PermissionSetter {
    /** Loaded before any scope: classes first loaded as an unprivileged user may be unreadable to it. */
    private static final Class<?>[] USED_INSIDE_SCOPES = {PosixErrors.OutsideRootException.class, PosixListing.class};

    private final Path root;
    private final PosixIds account;
    private final AccountScope scope;
    private final Lustre lustre;
    private final Capabilities capabilities;

    PosixSession(Path realRoot, PosixIds account, AccountScope scope, Lustre lustre) {
        this.root = realRoot;
        this.account = account;
        this.scope = scope;
        this.lustre = lustre;
        this.capabilities = scope.perAccount()
            ? Capabilities.detect(this, Capabilities.Trait.ATOMIC_RENAME, Capabilities.Trait.EMPTY_DIRECTORIES,
                Capabilities.Trait.SPARSE_FILES, Capabilities.Trait.PER_ACCOUNT_PERMISSIONS)
            : Capabilities.detect(this, Capabilities.Trait.ATOMIC_RENAME, Capabilities.Trait.EMPTY_DIRECTORIES,
                Capabilities.Trait.SPARSE_FILES);
    }

    /** Runs {@code op} as the account and translates failures outside the scope. */
    private <T> T run(StoragePath path, IoCall<T> op) {
        try {
            return scope.call(account, op);
        } catch (IOException e) {
            throw PosixErrors.translate(path, e);
        }
    }

    private Path local(StoragePath path) {
        return path.isRoot() ? root : root.resolve(path.relative());
    }

    /**
     * The local path of {@code path} after proving that its deepest existing ancestor (the path itself when it
     * exists, symlinks followed) really lies below the root. Must run inside a scope.
     */
    private Path confined(StoragePath path) throws IOException {
        Path target = local(path);
        for (Path probe = target; ; probe = probe.getParent()) {
            try {
                if (!probe.toRealPath().startsWith(root)) {
                    throw new PosixErrors.OutsideRootException(path.toString());
                }
                return target;
            } catch (NoSuchFileException e) {
                if (probe.equals(root)) {
                    throw e;
                }
            }
        }
    }

    /** Like {@link #confined} for the parent only: the last component itself is acted on, not followed. */
    private Path confinedEntry(StoragePath path) throws IOException {
        confined(path.parent());
        return local(path);
    }

    private static BasicFileAttributes attributesOrNull(Path p, LinkOption... options) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, options);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ stat and list

    @Override
    public FileInfo stat(StoragePath path) {
        FileInfo info = run(path, () -> describe(path, Files.readAttributes(confined(path), PosixFileAttributes.class)));
        if (lustre.active() && info.isFile()) {
            // lfs runs as the account (it was just confined above; it opens no symlink we have not followed).
            return withExtra(info, lustre.layoutOf(local(path), account, scope.perAccount()));
        }
        return info;
    }

    private static FileInfo withExtra(FileInfo info, Map<String, String> extra) {
        return new FileInfo(info.path(), info.type(), info.size(), info.modified(), info.mode(), info.owner(),
            info.group(), extra);
    }

    static FileInfo describe(StoragePath path, PosixFileAttributes a) {
        FileType type = a.isDirectory() ? FileType.DIRECTORY
            : a.isRegularFile() ? FileType.FILE
            : a.isSymbolicLink() ? FileType.SYMLINK : FileType.OTHER;
        return new FileInfo(path, type, a.size(), a.lastModifiedTime().toInstant(), OptionalInt.of(mode(a.permissions())),
            a.owner().getName(), a.group().getName(), Map.of());
    }

    private static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    /** An entry of a listing: symlinks are followed when they stay inside the root, else shown as links. */
    FileInfo describeEntry(StoragePath path, Path entry) throws IOException {
        PosixFileAttributes link = Files.readAttributes(entry, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (link.isSymbolicLink()) {
            try {
                if (entry.toRealPath().startsWith(root)) {
                    return describe(path, Files.readAttributes(entry, PosixFileAttributes.class));
                }
            } catch (IOException dangling) {
                // a dangling or unreadable link is listed as the link itself
            }
        }
        return describe(path, link);
    }

    @Override
    public Listing list(StoragePath directory) {
        return run(directory, () -> new PosixListing(this, directory, Files.newDirectoryStream(confined(directory))));
    }

    <T> T inScope(StoragePath path, IoCall<T> op) {
        return run(path, op);
    }

    // ------------------------------------------------------------------ read and write

    @Override
    public ReadableByteChannel openRead(StoragePath path, long offset, long length) {
        if (offset < 0) {
            throw new StorageException.InvalidPath("negative offset " + offset);
        }
        FileChannel channel = run(path, () -> {
            Path target = confined(path);
            BasicFileAttributes a = Files.readAttributes(target, BasicFileAttributes.class);
            if (a.isDirectory()) {
                throw new java.nio.file.FileSystemException(path.toString(), null, "Is a directory");
            }
            return FileChannel.open(target, StandardOpenOption.READ);
        });
        try {
            channel.position(offset);
        } catch (IOException e) {
            closeQuietly(channel);
            throw PosixErrors.translate(path, e);
        }
        return length < 0 ? channel : new BoundedChannel(channel, length);
    }

    @Override
    public WriteTarget openWrite(StoragePath path, WriteOptions options) {
        FileChannel channel = openForWriting(path, options);
        return new WriteTarget() {
            @Override public int write(ByteBuffer src) throws IOException { return channel.write(src); }
            @Override public boolean isOpen() { return channel.isOpen(); }
            @Override public void close() throws IOException { channel.close(); }
            /** Nothing to finalise on a file system: the bytes are in place once written. */
            @Override public void complete() { }
        };
    }

    @Override
    public PositionalTarget openPositional(StoragePath path, WriteOptions options) {
        FileChannel channel = openForWriting(path, options);
        return new PositionalTarget() {
            @Override
            public void write(ByteBuffer source, long position) {
                try {
                    long at = position;
                    while (source.hasRemaining()) {
                        at += channel.write(source, at);
                    }
                } catch (IOException e) {
                    throw PosixErrors.translate(path, e);
                }
            }

            @Override public void complete() { }

            @Override public void close() { closeQuietly(channel); }
        };
    }

    private FileChannel openForWriting(StoragePath path, WriteOptions options) {
        if (path.isRoot()) {
            throw new StorageException.IsADirectory("/");
        }
        Set<OpenOption> open = new HashSet<>();
        open.add(StandardOpenOption.WRITE);
        switch (options.mode()) {
            case REPLACE -> {
                open.add(StandardOpenOption.CREATE);
                open.add(StandardOpenOption.TRUNCATE_EXISTING);
            }
            case FAIL -> open.add(StandardOpenOption.CREATE_NEW);
            case KEEP -> open.add(StandardOpenOption.CREATE);
        }
        if (lustre.active() && run(path, () -> attributesOrNull(confined(path)) == null)) {
            // lfs creates the striped file as the account; it runs outside any scope (no thread inherits one).
            try {
                lustre.createStriped(local(path), account, scope.perAccount());
            } catch (IOException e) {
                throw PosixErrors.translate(path, e);
            }
            open.remove(StandardOpenOption.CREATE_NEW);
        }
        return run(path, () -> {
            Path target = confined(path);
            if (attributesOrNull(target) == null) {
                // New file (or a dangling link): never follow a link when creating.
                open.add(LinkOption.NOFOLLOW_LINKS);
            }
            return FileChannel.open(target, open);
        });
    }

    // ------------------------------------------------------------------ namespace

    @Override
    public void mkdir(StoragePath path, boolean parents) {
        run(path, () -> {
            Path target = confined(path);
            return parents ? Files.createDirectories(target) : Files.createDirectory(target);
        });
    }

    @Override
    public void delete(StoragePath path, boolean recursive) {
        if (path.isRoot()) {
            throw new StorageException.PermissionDenied("the collection root cannot be deleted");
        }
        run(path, () -> {
            Path target = confinedEntry(path);
            BasicFileAttributes a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (recursive && a.isDirectory()) {
                deleteTree(target);
            } else {
                Files.delete(target);
            }
            return null;
        });
    }

    /** Depth-first; symbolic links are removed, never followed. */
    private static void deleteTree(Path top) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void rename(StoragePath from, StoragePath to, boolean replace) {
        if (from.isRoot() || to.isRoot()) {
            throw new StorageException.PermissionDenied("the collection root cannot be renamed or replaced");
        }
        if (to.startsWith(from) && !to.equals(from)) {
            throw new StorageException.InvalidPath("cannot move " + from + " into itself (" + to + ")");
        }
        run(from, () -> {
            Path source = confinedEntry(from);
            Path target = confinedEntry(to);
            if (replace) {
                return Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.move(source, target, LinkOption.NOFOLLOW_LINKS);
        });
    }

    @Override
    public void setModified(StoragePath path, Instant modified) {
        run(path, () -> Files.setLastModifiedTime(confined(path), FileTime.from(modified)));
    }

    @Override
    public void setMode(StoragePath path, int mode) {
        if ((mode & ~0777) != 0) {
            throw new StorageException.Unsupported("setting setuid, setgid or sticky bits (mode " + Integer.toOctalString(mode) + ")");
        }
        Set<PosixFilePermission> permissions = new HashSet<>();
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                permissions.add(p);
            }
        }
        run(path, () -> Files.setPosixFilePermissions(confined(path), permissions));
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public void close() {
        // Nothing is held between calls: every call opens, uses and closes what it needs.
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing after a failure; the first error is the one reported
        }
    }
}
