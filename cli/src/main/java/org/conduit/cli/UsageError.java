package org.conduit.cli;

/**
 * A mistake in how the command was called or configured (exit code 2), found after parsing: options that do
 * not go together, unreadable files, no manager URL. Its message says what to change.
 */
final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message);
    }
}
