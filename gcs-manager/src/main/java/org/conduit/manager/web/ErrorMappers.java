package org.conduit.manager.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.api.ApiException;
import org.conduit.manager.api.Results;
import org.conduit.storage.spi.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure leaves the API as a {@code result#1.1.0} error document; nothing internal leaks out. */
public final class ErrorMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

    private ErrorMappers() {
    }

    /**
     * GCS Manager API paths answer a {@code result#1.1.0} error; Transfer API paths ({@code /v0.10/...}) the
     * Transfer error document ({@code code}, {@code message}, {@code request_id}, {@code resource}).
     */
    static Response respond(ApiException e, UriInfo uri) {
        String path = uri == null ? "" : uri.getPath();
        boolean transfer = path.startsWith("v0.10/") || path.startsWith("/v0.10/");
        Object body = transfer ? transferError(e, path) : Results.error(e);
        Response.ResponseBuilder r = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
            .entity(body);
        if (e.status() == 401) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return r.build();
    }

    private static ObjectNode transferError(ApiException e, String path) {
        String code = switch (e.status()) {
            case 400 -> "ClientError.BadRequest";
            case 401 -> "AuthenticationFailed";
            case 403 -> "PermissionDenied";
            case 404 -> "ClientError.NotFound";
            case 409 -> "ClientError.Conflict";
            case 413 -> "ClientError.RequestTooLarge";
            case 503 -> "ServiceUnavailable";
            default -> e.status() >= 500 ? "ExternalError." + e.code() : "ClientError." + e.code();
        };
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("code", code);
        out.put("message", e.getMessage() + " (" + e.code() + ")");
        out.put("request_id", UUID.randomUUID().toString().substring(0, 12));
        out.put("resource", "/" + path.replaceFirst("^/?v0\\.10/", ""));
        return out;
    }

    /** Mappers see the request path to choose the document shape. */
    abstract static class PathAware {
        @Context
        UriInfo uri;
    }

    public static final class Api extends PathAware implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return respond(e, uri);
        }
    }

    public static final class Storage extends PathAware implements ExceptionMapper<StorageException> {
        @Override
        public Response toResponse(StorageException e) {
            return respond(ApiErrors.storage(e), uri);
        }
    }

    /** Malformed JSON bodies. */
    public static final class Json extends PathAware implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return respond(ApiErrors.invalidInput(null, "the request body is not valid JSON: " + e.getOriginalMessage()),
                uri);
        }
    }

    /** Jersey's own answers (unknown path 404, wrong method 405, unsupported media type 415). */
    public static final class Web extends PathAware implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            return respond(fromJersey(e), uri);
        }
    }

    private static ApiException fromJersey(WebApplicationException e) {
        if (e.getCause() instanceof ApiException api) {
            return api;
        }
        if (e instanceof org.glassfish.jersey.server.ParamException param) {
            return ApiErrors.invalidInput(param.getParameterName(), "has a value of the wrong type");
        }
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 415 -> "UnsupportedMediaType";
            default -> status >= 500 ? "InternalError" : "BadRequest";
        };
        return new ApiException(status, code, e.getMessage(), null);
    }

    public static final class Unexpected extends PathAware implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof ApiException api) {
                return respond(api, uri);
            }
            if (e instanceof StorageException s) {
                return respond(ApiErrors.storage(s), uri);
            }
            if (e instanceof WebApplicationException w) {
                return respond(fromJersey(w), uri);
            }
            LOG.error("unexpected failure", e);
            return respond(new ApiException(500, "InternalError",
                "internal error; the node's log has the details", null), uri);
        }
    }
}
