package org.conduit.manager.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.api.Results;
import org.conduit.manager.auth.LocalTokenIssuer;
import org.conduit.manager.auth.AuthenticationException;
import org.conduit.manager.auth.Principal;
import org.conduit.manager.auth.RevokedTokens;
import org.conduit.manager.auth.TokenAuthenticator;
import org.conduit.manager.core.Roles;
import org.conduit.manager.web.Caller;

/**
 * Conduit extensions under {@code /api/}: {@code GET /api/me} (who the token says you are),
 * {@code POST /api/tokens} (an administrator issues the endpoint's own tokens to local users, for endpoints
 * without an identity provider) and {@code POST /api/tokens/revoke}.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class IdentityResource {
    static final Duration MAX_LIFETIME = Duration.ofDays(365);

    private final LocalTokenIssuer tokens;
    private final TokenAuthenticator authenticator;
    private final RevokedTokens revoked;
    private final Roles roles;
    private final String localDomain;

    public IdentityResource(LocalTokenIssuer tokens, TokenAuthenticator authenticator, RevokedTokens revoked,
                            Roles roles, String localDomain) {
        this.tokens = tokens;
        this.authenticator = authenticator;
        this.revoked = revoked;
        this.roles = roles;
        this.localDomain = localDomain;
    }

    /**
     * Revokes one of this endpoint's own tokens before it expires: an administrator any, a user their own.
     * The revocation is stored, so it holds across restarts and on every node sharing the database.
     */
    @POST
    @Path("tokens/revoke")
    public ObjectNode revoke(@Context ContainerRequestContext request, JsonNode body) {
        Caller caller = Caller.of(request);
        if (body == null || !body.path("token").isTextual()) {
            throw ApiErrors.invalidInput("token", "is required: the token to revoke");
        }
        Principal target;
        try {
            target = authenticator.authenticate(body.get("token").asText());
        } catch (AuthenticationException e) {
            throw ApiErrors.invalidInput("token", "is not a live token of this endpoint (" + e.getMessage() + ")");
        }
        if (!target.issuer().equals(tokens.issuer()) || target.tokenId() == null) {
            throw ApiErrors.invalidInput("token", "only tokens this endpoint issued can be revoked here; revoke"
                + " identity-provider tokens at the identity provider");
        }
        if (!caller.identityIds().contains(target.id())) {
            roles.requireEndpointAdmin(caller, "revoke other users' tokens");
        }
        revoked.revoke(target.tokenId(), target.expiresAt());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("DATA_TYPE", "local_token_revocation#1.0.0");
        out.put("username", target.username());
        out.put("expires_at", target.expiresAt().toString());
        return Results.ok(out);
    }

    @GET
    @Path("me")
    public ObjectNode me(@Context ContainerRequestContext request) {
        Caller caller = Caller.of(request);
        ObjectNode me = JsonNodeFactory.instance.objectNode();
        me.put("DATA_TYPE", "identity#1.0.0");
        me.put("id", caller.id());
        me.put("username", caller.username());
        var ids = me.putArray("identity_ids");
        caller.identityIds().stream().sorted().forEach(ids::add);
        me.put("endpoint_administrator", roles.isEndpointAdmin(caller));
        return Results.ok(me);
    }

    @POST
    @Path("tokens")
    public Response issue(@Context ContainerRequestContext request, JsonNode body) {
        Caller caller = Caller.of(request);
        roles.requireEndpointAdmin(caller, "issue tokens");
        if (body == null || !body.path("username").isTextual()) {
            throw ApiErrors.invalidInput("username", "is required, e.g. \"alice\" or \"alice@" + localDomain + "\"");
        }
        if (body.has("DATA_TYPE") && !body.get("DATA_TYPE").asText().startsWith("local_token_request#1.")) {
            throw ApiErrors.invalidInput("DATA_TYPE", "must be local_token_request#1.0.0");
        }
        String username = body.get("username").asText();
        if (!username.contains("@")) {
            username = username + "@" + localDomain;
        }
        JsonNode lifetime = body.path("lifetime_seconds");
        long seconds = lifetime.isMissingNode() ? 3600 : lifetime.isIntegralNumber() ? lifetime.asLong() : -1;
        if (seconds < 60 || seconds > MAX_LIFETIME.toSeconds()) {
            throw ApiErrors.invalidInput("lifetime_seconds", "must be a whole number of seconds between 60 and "
                + MAX_LIFETIME.toSeconds());
        }
        String token;
        try {
            username = Principal.canonicalUsername(username);
            token = tokens.issue(username, Duration.ofSeconds(seconds));
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidInput("username", e.getMessage());
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("DATA_TYPE", "local_token#1.0.0");
        out.put("token", token);
        out.put("username", username);
        out.put("expires_at", Instant.now().plusSeconds(seconds).toString());
        return Response.status(201).entity(Results.created(out)).build();
    }
}
