package org.conduit.manager.auth;

import java.util.Objects;

/**
 * Why a credential was refused. Every entry point (REST, HTTPS mover, GridFTP, workers) turns the
 * {@link Reason} into its own protocol answer, so there is exactly one failure type to handle. Messages
 * tell the caller what to do next and never contain the credential itself: they may be logged and
 * shown to users.
 */
public final class AuthenticationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The machine-readable cause of a refusal. */
    public enum Reason {
        /** No credential was presented. */
        MISSING,
        /** The credential is not a well-formed, acceptable bearer JWT. */
        MALFORMED,
        /** The signature does not verify with any key the issuer publishes. */
        BAD_SIGNATURE,
        EXPIRED,
        NOT_YET_VALID,
        /** The {@code iss} is none of the issuers this endpoint trusts. */
        UNTRUSTED_ISSUER,
        /** The token was issued for another service. */
        WRONG_AUDIENCE,
        /** The token's {@code jti} was revoked before the token expired. */
        REVOKED,
        /** {@code none}, HMAC, or another algorithm not allowed for the issuer. */
        UNSUPPORTED_ALGORITHM,
        /** The issuer's keys could not be fetched; the token may be fine, so the caller may retry. */
        ISSUER_UNREACHABLE;

        /** Whether the same credential may succeed later without the user doing anything. */
        public boolean retryable() {
            return this == ISSUER_UNREACHABLE;
        }
    }

    private final Reason reason;

    public AuthenticationException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public AuthenticationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** Shorthand for {@code reason().retryable()}. */
    public boolean retryable() {
        return reason.retryable();
    }
}
