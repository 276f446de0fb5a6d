package org.conduit.storage.spi;

import java.nio.channels.WritableByteChannel;

/**
 * A file being written. {@link #complete()} declares the content final; closing without it means the upload
 * failed: object stores discard what they hold (no half object appears), file systems keep the bytes written
 * so far so a restart can continue (movers write under temporary names and rename on success).
 */
public interface WriteTarget extends WritableByteChannel {

    void complete();
}
