package org.conduit.manager.resources;

import java.util.Arrays;

/** The {@code include} query parameter (comma-separated). */
final class Includes {
    private Includes() {
    }

    static boolean privatePolicies(String include) {
        return include != null && Arrays.asList(include.split(",")).contains("private_policies");
    }
}
