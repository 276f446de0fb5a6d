/**
 * Step 1 of every request, Authenticate: a bearer token in, a {@link org.conduit.manager.auth.Principal}
 * (an {@link org.conduit.identity.Identity} with a stable id, auth time, groups and linked identities) out.
 *
 * <p>One {@link org.conduit.manager.auth.TokenAuthenticator} per endpoint serves every entry point. It
 * accepts the endpoint's own tokens ({@link org.conduit.manager.auth.LocalTokenIssuer}) and those of the
 * OIDC/OAuth2 issuers listed in {@link org.conduit.manager.auth.AuthenticationConfig}, checks revocation
 * through {@link org.conduit.manager.auth.RevokedTokens}, and refuses with a single
 * {@link org.conduit.manager.auth.AuthenticationException} whose reason entry points translate into their
 * protocol's answer.
 */
package org.conduit.manager.auth;
