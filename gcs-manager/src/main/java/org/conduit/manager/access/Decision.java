package org.conduit.manager.access;

import java.util.Objects;
import java.util.Optional;

/** The answer to an {@link AccessRequest}: permitted, or denied with a GCS error type and what to do next. */
public sealed interface Decision permits Decision.Permit, Decision.Deny {

    boolean permitted();

    /**
     * Permitted.
     *
     * @param pathAccess for data operations the caller's access at the path (so a lister knows whether it
     *                   must filter: {@link Access#TRAVERSE}); for guest collection creation the most the new
     *                   guest collection can ever give; empty for administrative operations
     */
    record Permit(Optional<Access> pathAccess) implements Decision {
        public Permit {
            Objects.requireNonNull(pathAccess, "pathAccess");
        }

        @Override
        public boolean permitted() {
            return true;
        }

        /** The caller may see only the entries below this directory that lead to something they can read. */
        public boolean traverseOnly() {
            return pathAccess.equals(Optional.of(Access.TRAVERSE));
        }
    }

    /**
     * Denied.
     *
     * @param message for the user: what stopped them and who can change it; never storage-side paths
     */
    record Deny(Denial type, String message) implements Decision {
        public Deny {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public boolean permitted() {
            return false;
        }
    }

    /** Why a request was denied; {@link #code()} is the error type clients see. */
    enum Denial {
        /** The caller lacks access to the path, or the collection's policy forbids the operation. */
        PERMISSION_DENIED("PermissionDenied"),
        /** An administrative operation needs a role the caller does not hold. */
        MISSING_REQUIRED_ROLE("MissingRequiredRole"),
        /** The caller's login is older than the storage gateway's {@code authentication_timeout_mins}. */
        AUTHENTICATION_TIMEOUT("AuthenticationTimeout"),
        /** An anonymous caller asked for something only an authenticated one may get (HTTP 401, not 403). */
        AUTHENTICATION_REQUIRED("AuthenticationRequired");

        private final String code;

        Denial(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    static Decision permitData(Access access) {
        return new Permit(Optional.of(access));
    }

    static Decision permitAdministrative() {
        return new Permit(Optional.empty());
    }

    static Decision deny(Denial type, String message) {
        return new Deny(type, message);
    }
}
