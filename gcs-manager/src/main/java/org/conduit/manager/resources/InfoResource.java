package org.conduit.manager.resources;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.conduit.manager.api.Results;
import org.conduit.manager.core.EndpointService;

/** {@code GET /api/info}: answered without a token, as GCS does. */
@Path("/api/info")
@Produces(MediaType.APPLICATION_JSON)
public final class InfoResource {
    public static final String API_VERSION = "1.30.0";

    private final EndpointService endpoint;
    private final String managerVersion;

    public InfoResource(EndpointService endpoint, String managerVersion) {
        this.endpoint = endpoint;
        this.managerVersion = managerVersion;
    }

    @GET
    public ObjectNode info() {
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("DATA_TYPE", "info#1.0.0");
        info.put("api_version", API_VERSION);
        info.put("manager_version", managerVersion);
        info.put("endpoint_id", endpoint.id());
        info.put("client_id", endpoint.id());
        info.putNull("domain_name");
        return Results.ok(info);
    }
}
