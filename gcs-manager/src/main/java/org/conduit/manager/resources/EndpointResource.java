package org.conduit.manager.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.conduit.manager.api.Results;
import org.conduit.manager.core.EndpointService;
import org.conduit.manager.web.Caller;

@Path("/api/endpoint")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class EndpointResource {
    private final EndpointService endpoint;

    public EndpointResource(EndpointService endpoint) {
        this.endpoint = endpoint;
    }

    @GET
    public ObjectNode get() {
        return Results.ok(endpoint.get());
    }

    @PUT
    public ObjectNode put(@Context ContainerRequestContext request, JsonNode body) {
        return Results.ok(endpoint.update(Caller.of(request), body, true));
    }

    @PATCH
    public ObjectNode patch(@Context ContainerRequestContext request, JsonNode body) {
        return Results.ok(endpoint.update(Caller.of(request), body, false));
    }
}
