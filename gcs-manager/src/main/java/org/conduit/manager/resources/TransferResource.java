package org.conduit.manager.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import org.conduit.manager.core.AclService;
import org.conduit.manager.core.FileOperations;
import org.conduit.manager.web.Caller;

/**
 * The Globus Transfer API v0.10 paths this endpoint answers for its own collections: guest-collection
 * permissions ({@code access_list}, {@code access}) and file operations ({@code operation/endpoint/...}).
 */
@Path("/v0.10")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class TransferResource {
    private final AclService acl;
    private final FileOperations files;

    public TransferResource(AclService acl, FileOperations files) {
        this.acl = acl;
        this.files = files;
    }

    @GET
    @Path("endpoint/{id}/access_list")
    public ObjectNode accessList(@Context ContainerRequestContext request, @PathParam("id") String id) {
        return acl.list(Caller.of(request), id);
    }

    @POST
    @Path("endpoint/{id}/access")
    public Response createAccess(@Context ContainerRequestContext request, @PathParam("id") String id, JsonNode body) {
        String ruleId = acl.create(Caller.of(request), id, body);
        ObjectNode out = transferResult("access_create_result", "Created", "Access rule created successfully.",
            "/endpoint/" + id + "/access");
        out.put("access_id", ruleId);
        return Response.status(201).entity(out).build();
    }

    @GET
    @Path("endpoint/{id}/access/{rule}")
    public ObjectNode getAccess(@Context ContainerRequestContext request, @PathParam("id") String id,
                                @PathParam("rule") String rule) {
        return acl.get(Caller.of(request), id, rule);
    }

    @PUT
    @Path("endpoint/{id}/access/{rule}")
    public ObjectNode updateAccess(@Context ContainerRequestContext request, @PathParam("id") String id,
                                   @PathParam("rule") String rule, JsonNode body) {
        acl.update(Caller.of(request), id, rule, body);
        return transferResult("result", "Updated", "Access rule '" + rule + "' updated successfully",
            "/endpoint/" + id + "/access/" + rule);
    }

    @DELETE
    @Path("endpoint/{id}/access/{rule}")
    public ObjectNode deleteAccess(@Context ContainerRequestContext request, @PathParam("id") String id,
                                   @PathParam("rule") String rule) {
        acl.delete(Caller.of(request), id, rule);
        return transferResult("result", "Deleted", "Access rule '" + rule + "' deleted successfully",
            "/endpoint/" + id + "/access/" + rule);
    }

    @GET
    @Path("operation/endpoint/{id}/ls")
    public ObjectNode ls(@Context ContainerRequestContext request, @PathParam("id") String id,
                         @QueryParam("path") @DefaultValue("/") String path,
                         @QueryParam("show_hidden") @DefaultValue("1") String showHidden,
                         @QueryParam("offset") @DefaultValue("0") int offset,
                         @QueryParam("limit") @DefaultValue("100000") int limit) {
        boolean hidden = !showHidden.equals("0") && !showHidden.equalsIgnoreCase("false");
        return files.ls(Caller.of(request), id, path, hidden, offset, limit);
    }

    @GET
    @Path("operation/endpoint/{id}/stat")
    public ObjectNode stat(@Context ContainerRequestContext request, @PathParam("id") String id,
                           @QueryParam("path") String path) {
        return files.stat(Caller.of(request), id, path);
    }

    @POST
    @Path("operation/endpoint/{id}/mkdir")
    public Response mkdir(@Context ContainerRequestContext request, @PathParam("id") String id, JsonNode body) {
        return Response.status(202).entity(files.mkdir(Caller.of(request), id, body)).build();
    }

    @POST
    @Path("operation/endpoint/{id}/rename")
    public ObjectNode rename(@Context ContainerRequestContext request, @PathParam("id") String id, JsonNode body) {
        return files.rename(Caller.of(request), id, body);
    }

    /** Not in Globus Transfer (which deletes through tasks): a synchronous delete for small jobs and scripts. */
    @POST
    @Path("operation/endpoint/{id}/delete")
    public ObjectNode delete(@Context ContainerRequestContext request, @PathParam("id") String id, JsonNode body) {
        return files.delete(Caller.of(request), id, body);
    }

    private static ObjectNode transferResult(String dataType, String code, String message, String resource) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("DATA_TYPE", dataType);
        r.put("code", code);
        r.put("message", message);
        r.put("resource", resource);
        r.put("request_id", java.util.UUID.randomUUID().toString().substring(0, 12));
        return r;
    }
}
