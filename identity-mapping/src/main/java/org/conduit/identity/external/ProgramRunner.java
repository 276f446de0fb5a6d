package org.conduit.identity.external;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.conduit.identity.IdentityMappingException;
import org.conduit.identity.IdentityMappingException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an administrator's mapping program with hard limits: stdin, stdout and stderr are pumped on
 * their own threads (a program that writes a lot before reading cannot deadlock us), output beyond
 * the limit kills the program instead of filling the heap, and at the deadline the program and every
 * process it started are killed. Error messages name the program, never its arguments (they may hold
 * credentials) or its input.
 */
final class ProgramRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProgramRunner.class);
    private static final int STDERR_EXCERPT_CHARS = 1000;
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final ExecutorService PUMPS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "identity-mapping-program-io-" + THREAD_NUMBER.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private ProgramRunner() {}

    /** Runs {@code argv} with {@code stdin} and returns its stdout; any failure is {@code MAPPING_PROGRAM_FAILED}. */
    static byte[] run(List<String> argv, byte[] stdin, Duration timeout, int outputLimit)
            throws IdentityMappingException {
        String program = argv.get(0);
        long deadline = System.nanoTime() + timeout.toNanos();
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw failed("could not start identity mapping program " + program + " (" + e.getMessage()
                    + "); check that the command in the external_identity_mapping document names an executable"
                    + " file the Conduit service account may run", e);
        }
        Capture stdout = new Capture(process, outputLimit);
        Capture stderr = new Capture(process, outputLimit);
        CompletableFuture<Void> reading = CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> stdout.drain(process.getInputStream()), PUMPS),
                CompletableFuture.runAsync(() -> stderr.drain(process.getErrorStream()), PUMPS));
        PUMPS.execute(() -> feed(process.getOutputStream(), stdin));
        try {
            if (!process.waitFor(remaining(deadline), TimeUnit.NANOSECONDS)) {
                throw timedOut(process, program, timeout);
            }
            reading.get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            killTree(process.toHandle());
            Thread.currentThread().interrupt();
            throw failed("interrupted while waiting for identity mapping program " + program, e);
        } catch (TimeoutException e) {
            throw timedOut(process, program, timeout);
        } catch (ExecutionException e) {
            killTree(process.toHandle());
            throw failed("could not read the output of identity mapping program " + program, e.getCause());
        }
        if (stdout.overflowed() || stderr.overflowed()) {
            throw failed("identity mapping program " + program + " printed more than " + outputLimit
                    + " bytes on " + (stdout.overflowed() ? "stdout" : "stderr") + " and was stopped; it must print"
                    + " one identity_mapping_output#1.0.0 document");
        }
        int exitCode = process.exitValue();
        LOG.debug("identity mapping program {} exited with {}", program, exitCode);
        if (exitCode != 0) {
            throw failed("identity mapping program " + program + " exited with status " + exitCode
                    + stderrExcerpt(stderr.bytes()) + "; run it by hand with the same arguments to see why");
        }
        return stdout.bytes();
    }

    private static IdentityMappingException timedOut(Process process, String program, Duration timeout) {
        killTree(process.toHandle());
        return failed("identity mapping program " + program + " did not finish within " + timeout.toMillis()
                + " ms and was killed with its child processes; make it answer faster (e.g. cache"
                + " directory lookups) and make sure no child process keeps its stdout open");
    }

    /** Kills the process first (so it cannot start more), then each child tree it had. */
    private static void killTree(ProcessHandle process) {
        List<ProcessHandle> children = process.children().toList();
        process.destroyForcibly();
        children.forEach(ProgramRunner::killTree);
    }

    private static void feed(OutputStream stdin, byte[] input) {
        try (stdin) {
            stdin.write(input);
        } catch (IOException e) {
            // The program exited or closed stdin without reading all of it; its exit status tells the rest.
            LOG.debug("identity mapping program did not read all of its input: {}", e.toString());
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static String stderrExcerpt(byte[] stderr) {
        String text = new String(stderr, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return " and printed nothing on stderr";
        }
        boolean cut = text.length() > STDERR_EXCERPT_CHARS;
        String excerpt = (cut ? text.substring(0, STDERR_EXCERPT_CHARS) : text)
                .replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "?");
        return "; stderr: " + excerpt + (cut ? " [...]" : "");
    }

    private static IdentityMappingException failed(String message) {
        return new IdentityMappingException(Reason.MAPPING_PROGRAM_FAILED, message);
    }

    private static IdentityMappingException failed(String message, Throwable cause) {
        return new IdentityMappingException(Reason.MAPPING_PROGRAM_FAILED, message, cause);
    }

    /** Collects one output stream up to the limit; past it, kills the program and stops reading. */
    private static final class Capture {
        private final Process process;
        private final int limit;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private volatile boolean overflowed;

        Capture(Process process, int limit) {
            this.process = process;
            this.limit = limit;
        }

        void drain(InputStream in) {
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    if (buffer.size() + n > limit) {
                        overflowed = true;
                        killTree(process.toHandle());
                        return;
                    }
                    buffer.write(chunk, 0, n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean overflowed() {
            return overflowed;
        }

        byte[] bytes() {
            return buffer.toByteArray();
        }
    }
}
