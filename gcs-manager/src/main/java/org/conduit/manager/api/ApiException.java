package org.conduit.manager.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An API failure carrying everything the error document needs: HTTP status, the GCS error type as
 * {@code code} (e.g. {@code InvalidInput}, {@code MissingRequiredRole}) and a typed {@code detail} document.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient ObjectNode detail;

    public ApiException(int status, String code, String message, ObjectNode detail) {
        super(message);
        this.status = status;
        this.code = code;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The typed detail document ({@code DATA_TYPE} like {@code invalid_input#1.0.0}), or null. */
    public ObjectNode detail() {
        return detail;
    }
}
