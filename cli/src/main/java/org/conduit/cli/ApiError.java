package org.conduit.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The endpoint answered with an error (exit code 1): the error type ({@code code}, e.g.
 * {@code MissingRequiredRole} from the GCS Manager API, {@code PermissionDenied} from the Transfer API), its
 * message, the GCS typed {@code detail} or the Transfer {@code request_id} and {@code resource}, and which
 * request it answered, so the report can say what to do next.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient JsonNode detail;
    private final String method;
    private final String path;
    private final String requestId;
    private final String resource;

    ApiError(int status, String code, String message, JsonNode detail, String method, String path) {
        this(status, code, message, detail, method, path, null, null);
    }

    ApiError(int status, String code, String message, JsonNode detail, String method, String path,
             String requestId, String resource) {
        super(message);
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.method = method;
        this.path = path;
        this.requestId = requestId;
        this.resource = resource;
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

    /** The Transfer API's {@code request_id} of the failed request (for the node's log), or null. */
    String requestId() {
        return requestId;
    }

    /** The Transfer API's {@code resource} the error is about, or null. */
    String resource() {
        return resource;
    }

    /** Whether the error came from the Transfer API ({@code /v0.10/...}) rather than the GCS Manager API. */
    boolean transfer() {
        return path.startsWith(ManagerClient.TRANSFER);
    }
}
