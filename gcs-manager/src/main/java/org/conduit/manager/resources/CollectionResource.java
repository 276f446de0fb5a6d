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
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.conduit.manager.api.Results;
import org.conduit.manager.core.CollectionService;
import org.conduit.manager.core.Paging;
import org.conduit.manager.web.Caller;

@Path("/api/collections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class CollectionResource {
    private final CollectionService collections;

    public CollectionResource(CollectionService collections) {
        this.collections = collections;
    }

    @GET
    public ObjectNode list(@Context ContainerRequestContext request, @QueryParam("filter") String filter,
                           @QueryParam("mapped_collection_id") String mappedCollectionId,
                           @QueryParam("storage_gateway_id") String storageGatewayId,
                           @QueryParam("include") String include, @QueryParam("page_size") Integer pageSize,
                           @QueryParam("marker") String marker) {
        Set<String> filters = filter == null ? Set.of() : Arrays.stream(filter.split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        return collections.list(Caller.of(request), filters, mappedCollectionId, storageGatewayId,
            Includes.privatePolicies(include),
            marker, Paging.pageSize(pageSize));
    }

    @POST
    public Response create(@Context ContainerRequestContext request, JsonNode body) {
        return Response.status(201).entity(Results.created(collections.create(Caller.of(request), body))).build();
    }

    @GET
    @Path("{id}")
    public ObjectNode get(@Context ContainerRequestContext request, @PathParam("id") String id,
                          @QueryParam("include") String include) {
        return Results.ok(collections.get(Caller.of(request), id, Includes.privatePolicies(include)));
    }

    @PUT
    @Path("{id}")
    public ObjectNode put(@Context ContainerRequestContext request, @PathParam("id") String id, JsonNode body) {
        return Results.ok(collections.update(Caller.of(request), id, body, true));
    }

    @PATCH
    @Path("{id}")
    public ObjectNode patch(@Context ContainerRequestContext request, @PathParam("id") String id, JsonNode body) {
        return Results.ok(collections.update(Caller.of(request), id, body, false));
    }

    @DELETE
    @Path("{id}")
    public ObjectNode delete(@Context ContainerRequestContext request, @PathParam("id") String id) {
        collections.delete(Caller.of(request), id);
        return Results.ok();
    }
}
