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
import org.conduit.manager.core.SharingPolicyService;
import org.conduit.manager.web.Caller;

@Path("/api/sharing_policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class SharingPolicyResource {
    private final SharingPolicyService policies;

    public SharingPolicyResource(SharingPolicyService policies) {
        this.policies = policies;
    }

    @GET
    public ObjectNode list(@Context ContainerRequestContext request, @QueryParam("collection_id") String collectionId,
                           @QueryParam("page_size") Integer pageSize, @QueryParam("marker") String marker) {
        return policies.list(Caller.of(request), collectionId, marker, Paging.pageSize(pageSize));
    }

    @POST
    public ObjectNode create(@Context ContainerRequestContext request, JsonNode body) {
        return Results.ok(policies.create(Caller.of(request), body));
    }

    @GET
    @Path("{id}")
    public ObjectNode get(@Context ContainerRequestContext request, @PathParam("id") String id) {
        return Results.ok(policies.get(Caller.of(request), id));
    }

    @DELETE
    @Path("{id}")
    public ObjectNode delete(@Context ContainerRequestContext request, @PathParam("id") String id) {
        policies.delete(Caller.of(request), id);
        return Results.ok();
    }
}
