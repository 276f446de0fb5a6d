package org.conduit.manager.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.conduit.manager.api.Results;
import org.conduit.manager.core.Paging;
import org.conduit.manager.core.RoleService;
import org.conduit.manager.web.Caller;

@Path("/api/roles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class RoleResource {
    private final RoleService roles;

    public RoleResource(RoleService roles) {
        this.roles = roles;
    }

    @GET
    public ObjectNode list(@Context ContainerRequestContext request, @QueryParam("collection_id") String collectionId,
                           @QueryParam("page_size") Integer pageSize, @QueryParam("marker") String marker) {
        return roles.list(Caller.of(request), collectionId, marker, Paging.pageSize(pageSize));
    }

    /** GCS answers 200 here (not 201 as for collections and gateways). */
    @POST
    public ObjectNode create(@Context ContainerRequestContext request, JsonNode body) {
        return Results.ok(roles.create(Caller.of(request), body));
    }

    @GET
    @Path("{id}")
    public ObjectNode get(@Context ContainerRequestContext request, @PathParam("id") String id) {
        return Results.ok(roles.get(Caller.of(request), id));
    }

    @DELETE
    @Path("{id}")
    public ObjectNode delete(@Context ContainerRequestContext request, @PathParam("id") String id) {
        roles.delete(Caller.of(request), id);
        return Results.ok();
    }
}
