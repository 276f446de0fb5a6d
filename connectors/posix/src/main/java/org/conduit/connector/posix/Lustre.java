package org.conduit.connector.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.conduit.storage.spi.LocalAccount.PosixIds;
import org.conduit.storage.spi.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lustre hints through the {@code lfs} tool: new files get the gateway's stripe count and size, and stat shows
 * the stripe layout. Active only when stripe settings are configured, {@code lfs} runs, and the gateway root
 * is on Lustre ({@code lfs getstripe -d <root>} succeeds). On any other file system this is inert.
 *
 * <p>{@code lfs setstripe} creates the file, so in root mode it runs through {@code setpriv} as the mapped
 * user: the file is owned by that user and created with that user's permissions, exactly like a plain open.
 */
final class Lustre {
    private static final Logger LOG = LoggerFactory.getLogger(Lustre.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final String lfs;
    private final String stripeCount;
    private final String stripeSize;
    private final boolean active;

    private Lustre(String lfs, String stripeCount, String stripeSize, boolean active) {
        this.lfs = lfs;
        this.stripeCount = stripeCount;
        this.stripeSize = stripeSize;
        this.active = active;
    }

    static Lustre inactive() {
        return new Lustre(null, null, null, false);
    }

    /** Probes {@code gatewayRoot}; stripe count or size may be null for "file system default". */
    static Lustre probe(String lfs, Path gatewayRoot, String stripeCount, String stripeSize) {
        if (stripeCount == null && stripeSize == null) {
            return inactive();
        }
        try {
            run(List.of(lfs, "getstripe", "-d", gatewayRoot.toString()));
            LOG.info("Lustre stripe settings active on {}: count={}, size={}", gatewayRoot,
                stripeCount == null ? "default" : stripeCount, stripeSize == null ? "default" : stripeSize);
            return new Lustre(lfs, stripeCount, stripeSize, true);
        } catch (IOException e) {
            LOG.warn("Lustre stripe settings are configured but {} is not on Lustre or '{}' does not run ({});"
                + " new files get the file system's defaults", gatewayRoot, lfs, e.getMessage());
            return inactive();
        }
    }

    boolean active() {
        return active;
    }

    /** The start of a command line that runs as {@code account} (root mode), so lfs sees what the user may see. */
    private static List<String> as(PosixIds account, boolean asAccount) {
        if (!asAccount) {
            return new ArrayList<>();
        }
        String groups = account.groups().length == 0 ? "--clear-groups"
            : "--groups=" + Arrays.stream(account.groups()).mapToObj(Integer::toString).collect(Collectors.joining(","));
        return new ArrayList<>(List.of("setpriv", "--reuid=" + account.uid(), "--regid=" + account.gid(), groups, "--"));
    }

    /** Creates an empty file with the configured layout, as {@code account} when the node is root. */
    void createStriped(Path file, PosixIds account, boolean asAccount) throws IOException {
        List<String> command = as(account, asAccount);
        command.addAll(List.of(lfs, "setstripe"));
        if (stripeCount != null) {
            command.addAll(List.of("-c", stripeCount));
        }
        if (stripeSize != null) {
            command.addAll(List.of("-S", stripeSize));
        }
        command.add(file.toString());
        run(command);
    }

    /** {@code lustre.stripe_count} and {@code lustre.stripe_size} of a file, read as {@code account}. */
    Map<String, String> layoutOf(Path file, PosixIds account, boolean asAccount) {
        Map<String, String> layout = new LinkedHashMap<>();
        try {
            List<String> count = as(account, asAccount);
            count.addAll(List.of(lfs, "getstripe", "-c", file.toString()));
            List<String> size = as(account, asAccount);
            size.addAll(List.of(lfs, "getstripe", "-S", file.toString()));
            layout.put("lustre.stripe_count", run(count).trim());
            layout.put("lustre.stripe_size", run(size).trim());
        } catch (IOException e) {
            LOG.debug("no stripe layout for {}: {}", file, e.getMessage());
            return Map.of();
        }
        return layout;
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readNBytes(64 * 1024);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": "
                    + text.strip());
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new StorageException.Transient("lfs", e);
        }
    }
}
