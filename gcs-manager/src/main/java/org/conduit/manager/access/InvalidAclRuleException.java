package org.conduit.manager.access;

/**
 * A new guest-collection permission was refused. {@link #reason()} is for programs (the REST layer maps it
 * to the Transfer API error code and HTTP status); the message tells the user what to change.
 */
public final class InvalidAclRuleException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the rule was refused. */
    public enum Reason {
        /** The path does not start and end with {@code /}, or has empty, {@code .} or {@code ..} segments. */
        INVALID_PATH,
        /** An identity or group rule without a principal id, or another type with one. */
        INVALID_PRINCIPAL,
        /** The expiration date is not in the future. */
        EXPIRED,
        /** An {@code anonymous} {@code rw} rule on a collection that disables anonymous writes. */
        ANONYMOUS_WRITES_DISABLED,
        /** The guest collection already has {@value GuestAcl#MAX_RULES} rules. */
        LIMIT_EXCEEDED,
        /** A rule for the same principal and path exists. */
        ALREADY_EXISTS,
        /** The rule carries a {@code role_id}: role-derived rules come from roles, not from the ACL API. */
        ROLE_DERIVED
    }

    private final Reason reason;

    public InvalidAclRuleException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
