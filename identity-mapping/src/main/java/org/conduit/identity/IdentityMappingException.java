package org.conduit.identity;

/**
 * The one failure type of identity mapping. {@link #reason()} is for programs (REST error codes, audit);
 * the message is for the administrator and says what to change. Messages never carry credentials,
 * mapping-program arguments or program input.
 */
public final class IdentityMappingException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why mapping failed, stable for callers to switch on. */
    public enum Reason {
        /** The identity's username is not in one of the storage gateway's {@code allowed_domains}. */
        NOT_FROM_ALLOWED_DOMAIN,
        /** No identity mapping produced a username for the identity. */
        NO_MAPPING,
        /** The mapped username is listed in {@code users_deny}. */
        USER_DENIED,
        /** {@code users_allow} is not empty and does not list the mapped username. */
        USER_NOT_ALLOWED,
        /** The mapping produced an empty username or one with control characters. */
        INVALID_USERNAME,
        /** The mapped local account does not exist. */
        NO_SUCH_ACCOUNT,
        /** The mapped local account has uid 0. */
        ROOT_ACCOUNT_REFUSED,
        /** The account database (NSS) could not be queried. */
        ACCOUNT_LOOKUP_FAILED,
        /** An expression interpolates an identity field the identity does not have. */
        MISSING_IDENTITY_FIELD,
        /** A match expression needed more matching work than allowed (catastrophic backtracking). */
        EXPRESSION_TOO_COSTLY,
        /** An external mapping program could not run, failed, timed out or printed an invalid answer. */
        MAPPING_PROGRAM_FAILED,
        /** An identity mapping document is malformed or uses an unsupported DATA_TYPE or syntax. */
        INVALID_MAPPING_DOCUMENT,
        /** The storage gateway's mapping settings contradict each other. */
        INVALID_CONFIGURATION,
        /** A gridmap file could not be read. */
        GRIDMAP_UNREADABLE
    }

    private final Reason reason;

    public IdentityMappingException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public IdentityMappingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
