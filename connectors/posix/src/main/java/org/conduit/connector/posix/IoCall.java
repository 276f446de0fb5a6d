package org.conduit.connector.posix;

import java.io.IOException;

/** A file-system operation run under an account's credentials. */
@FunctionalInterface
interface IoCall<T> {
    T call() throws IOException;
}
