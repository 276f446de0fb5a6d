package org.conduit.manager.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Set;
import org.conduit.manager.api.ApiErrors;

/** Every API request except the public ones carries a bearer token; this is where it is checked. */
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {
    /** Paths answered without a token (GCS: {@code /api/info}). */
    private static final Set<String> PUBLIC = Set.of("api/info");

    private final RequestAuthenticator authenticator;

    public AuthenticationFilter(RequestAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (PUBLIC.contains(path.startsWith("/") ? path.substring(1) : path)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            throw ApiErrors.unauthorized("this API needs a bearer token: send 'Authorization: Bearer <token>'"
                + " (an admin can issue one with 'conduit token issue <user>')");
        }
        request.setProperty(Caller.PROPERTY, authenticator.authenticate(header));
    }
}
