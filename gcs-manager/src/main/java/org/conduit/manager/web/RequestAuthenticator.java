package org.conduit.manager.web;

/** Turns an {@code Authorization} header into a {@link Caller}, or fails with a 401 {@code ApiException}. */
@FunctionalInterface
public interface RequestAuthenticator {
    Caller authenticate(String authorizationHeader);
}
