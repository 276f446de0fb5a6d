package org.conduit.manager.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.time.Instant;
import java.util.Set;
import org.conduit.identity.Identity;

/**
 * Who is calling, once authenticated: the identity (username {@code user@domain}), every identity id that is
 * the same person (linked identities), group ids, and when they authenticated (for high assurance).
 */
public record Caller(Identity identity, Set<String> identityIds, Set<String> groupIds, Instant authTime) {
    static final String PROPERTY = Caller.class.getName();

    public Caller {
        identityIds = Set.copyOf(identityIds);
        groupIds = Set.copyOf(groupIds);
    }

    public String id() {
        return identity.id();
    }

    public String username() {
        return identity.username();
    }

    /** The same caller as the access decisions see it. */
    public org.conduit.manager.access.Caller forAccess() {
        return org.conduit.manager.access.Caller.authenticated(identityIds, groupIds, authTime);
    }

    /** The caller of the current request, set by {@link AuthenticationFilter}. */
    public static Caller of(ContainerRequestContext request) {
        Caller caller = (Caller) request.getProperty(PROPERTY);
        if (caller == null) {
            throw new IllegalStateException("request reached a resource without authentication");
        }
        return caller;
    }
}
