package org.conduit.cli;

/** The endpoint could not be reached or its TLS identity could not be verified (exit code 3). */
final class CannotConnect extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String hint;

    CannotConnect(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    String hint() {
        return hint;
    }
}
