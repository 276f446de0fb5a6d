package org.conduit.manager.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.conduit.manager.api.Results;
import org.conduit.manager.core.Paging;
import org.conduit.manager.core.NodeService;
import org.conduit.manager.web.Caller;

@Path("/api/nodes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class NodeResource {
    private final NodeService nodes;

    public NodeResource(NodeService nodes) {
        this.nodes = nodes;
    }

    @GET
    public ObjectNode list(@Context ContainerRequestContext request, @QueryParam("page_size") Integer pageSize,
                           @QueryParam("marker") String marker) {
        return nodes.list(Caller.of(request), marker, Paging.pageSize(pageSize));
    }

    /** GCS answers 200 here. */
    @POST
    public ObjectNode create(@Context ContainerRequestContext request, JsonNode body) {
        return Results.ok(nodes.create(Caller.of(request), body));
    }

    @GET
    @Path("{id}")
    public ObjectNode get(@Context ContainerRequestContext request, @PathParam("id") String id) {
        return Results.ok(nodes.get(Caller.of(request), id));
    }

    @PUT
    @Path("{id}")
    public ObjectNode put(@Context ContainerRequestContext request, @PathParam("id") String id, JsonNode body) {
        return Results.ok(nodes.update(Caller.of(request), id, body, true));
    }

    @PATCH
    @Path("{id}")
    public ObjectNode patch(@Context ContainerRequestContext request, @PathParam("id") String id, JsonNode body) {
        return Results.ok(nodes.update(Caller.of(request), id, body, false));
    }

    @DELETE
    @Path("{id}")
    public ObjectNode delete(@Context ContainerRequestContext request, @PathParam("id") String id) {
        nodes.delete(Caller.of(request), id);
        return Results.ok();
    }
}
