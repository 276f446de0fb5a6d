package org.conduit.node.https;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.conduit.manager.api.ApiErrors;
import org.conduit.storage.spi.ChecksumAlgorithm;
import org.conduit.storage.spi.FileInfo;
import org.conduit.storage.spi.StorageException;
import org.conduit.storage.spi.StoragePath;
import org.conduit.storage.spi.StorageSession;
import org.conduit.storage.spi.WriteOptions;
import org.conduit.storage.spi.WriteTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an HTTP body becomes a file, for every upload path (PUT, upload links): streamed to a temporary name
 * next to the target, checked (length, optional checksum), then renamed over the target. A dropped or refused
 * upload never leaves a half file under the real name, and its temporary file is removed.
 */
final class Uploads {
    static final String TEMPORARY_PREFIX = ".conduit-upload-";
    private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);
    private static final int BUFFER = 1 << 20;

    private Uploads() {
    }

    /**
     * @param declared the Content-Length, or -1
     * @param replace  whether an existing file may be replaced (else {@link StorageException.AlreadyExists})
     */
    static FileInfo store(StorageSession session, StoragePath target, InputStream body, long declared,
                          UploadDigest digest, boolean replace) throws IOException {
        requireOrdinaryName(target.name());
        StoragePath temporary = target.parent().resolve(TEMPORARY_PREFIX + UUID.randomUUID());
        boolean renamed = false;
        try {
            receive(session, temporary, body, declared, digest);
            session.rename(temporary, target, replace);
            renamed = true;
        } finally {
            if (!renamed) {
                discard(session, temporary);
            }
        }
        return session.stat(target);
    }

    /** Names of unfinished uploads are reserved: no upload may create or replace one. */
    static void requireOrdinaryName(String name) {
        if (name.startsWith(TEMPORARY_PREFIX)) {
            throw new StorageException.InvalidPath("names starting with " + TEMPORARY_PREFIX + " are reserved");
        }
    }

    private static void receive(StorageSession session, StoragePath temporary, InputStream body, long declared,
                                UploadDigest digest) throws IOException {
        ChecksumAlgorithm.Checksum sum = digest == null ? null : digest.algorithm().start();
        byte[] buffer = new byte[BUFFER];
        long received = 0;
        try (WriteTarget out = session.openWrite(temporary, WriteOptions.createNew().withExpectedSize(declared))) {
            int n;
            while ((n = body.read(buffer)) > 0) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                if (sum != null) {
                    sum.update(chunk.duplicate());
                }
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                received += n;
            }
            if (declared >= 0 && received != declared) {
                throw ApiErrors.invalidInput(null, "the upload ended after " + received + " of " + declared
                    + " bytes; nothing was stored, send the file again");
            }
            if (sum != null) {
                String actual = sum.hex();
                if (!actual.equals(digest.expectedHex())) {
                    throw new StorageException.ChecksumMismatch(temporary.parent().toString(),
                        digest.algorithm().name(), digest.expectedHex(), actual);
                }
            }
            out.complete();
        }
    }

    static void discard(StorageSession session, StoragePath temporary) {
        try {
            session.delete(temporary, false);
        } catch (StorageException e) {
            LOG.debug("could not remove the unfinished upload {}: {}", temporary, e.getMessage());
        }
    }
}
