package org.conduit.manager.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
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

    static Response respond(ApiException e) {
        Response.ResponseBuilder r = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
            .entity(Results.error(e));
        if (e.status() == 401) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return r.build();
    }

    public static final class Api implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return respond(e);
        }
    }

    public static final class Storage implements ExceptionMapper<StorageException> {
        @Override
        public Response toResponse(StorageException e) {
            return respond(ApiErrors.storage(e));
        }
    }

    /** Malformed JSON bodies. */
    public static final class Json implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return respond(ApiErrors.invalidInput(null, "the request body is not valid JSON: " + e.getOriginalMessage()));
        }
    }

    /** Jersey's own answers (unknown path 404, wrong method 405, unsupported media type 415). */
    public static final class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (e.getCause() instanceof ApiException api) {
                return respond(api);
            }
            String code = switch (status) {
                case 404 -> "NotFound";
                case 405 -> "MethodNotAllowed";
                case 415 -> "UnsupportedMediaType";
                default -> status >= 500 ? "InternalError" : "BadRequest";
            };
            return respond(new ApiException(status, code, e.getMessage(), null));
        }
    }

    public static final class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof ApiException api) {
                return respond(api);
            }
            if (e instanceof StorageException s) {
                return respond(ApiErrors.storage(s));
            }
            if (e instanceof WebApplicationException w) {
                return new Web().toResponse(w);
            }
            LOG.error("unexpected failure", e);
            return respond(new ApiException(500, "InternalError",
                "internal error; the node's log has the details", null));
        }
    }
}
