package org.conduit.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The endpoint answered with an error (exit code 1): the GCS error type ({@code code}, e.g.
 * {@code MissingRequiredRole}), its message and typed {@code detail}, and which request it answered, so the
 * report can say what to do next.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient JsonNode detail;
    private final String method;
    private final String path;

    ApiError(int status, String code, String message, JsonNode detail, String method, String path) {
        super(message);
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.method = method;
        this.path = path;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** The typed detail document, or a missing node. */
    JsonNode detail() {
        return detail;
    }

    String method() {
        return method;
    }

    /** The API path asked for, without the query. */
    String path() {
        return path;
    }
}
