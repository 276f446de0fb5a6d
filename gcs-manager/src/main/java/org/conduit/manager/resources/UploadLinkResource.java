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
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.conduit.manager.api.Results;
import org.conduit.manager.core.UploadLinks;
import org.conduit.manager.web.Caller;

/**
 * Conduit extension: upload links ({@code /api/upload_links}). The answer to a create carries {@code url},
 * the link to hand out; it is shown once (only its id is stored in a recoverable form).
 */
@Path("/api/upload_links")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UploadLinkResource {
    private final UploadLinks links;
    private final java.util.function.Supplier<String> httpsBase;

    public UploadLinkResource(UploadLinks links, java.util.function.Supplier<String> httpsBase) {
        this.links = links;
        this.httpsBase = httpsBase;
    }

    @POST
    public Response create(@Context ContainerRequestContext request, JsonNode body) {
        ObjectNode link = links.create(Caller.of(request), body);
        link.put("url", httpsBase.get() + "/l/" + link.remove("token").asText());
        return Response.status(201).entity(Results.created(link)).build();
    }

    @GET
    public ObjectNode list(@Context ContainerRequestContext request) {
        return Results.page(links.list(Caller.of(request)), null, 200);
    }

    @GET
    @Path("{id}")
    public ObjectNode get(@Context ContainerRequestContext request, @PathParam("id") String id) {
        return Results.ok(links.get(Caller.of(request), id));
    }

    /** Revokes the link: it stops working at once, on every node. */
    @DELETE
    @Path("{id}")
    public ObjectNode revoke(@Context ContainerRequestContext request, @PathParam("id") String id) {
        links.revoke(Caller.of(request), id);
        return Results.ok();
    }
}
