package org.conduit.cli;

import picocli.CommandLine.Option;

/** {@code --public} / {@code --private}: the GCS pair for the {@code public} flag; at most one may be given. */
final class Visibility {
    @Option(names = "--public", required = true, description = "Listed in searches (public: true).")
    boolean publicFlag;

    @Option(names = "--private", required = true, description = "Not listed in searches (public: false).")
    boolean privateFlag;

    /** The value of {@code public} for a group that was given. */
    boolean value() {
        return publicFlag;
    }

    /** {@code public} for an optional group: null when neither flag was given. */
    static Boolean of(Visibility group) {
        return group == null ? null : group.value();
    }
}
