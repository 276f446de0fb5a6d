package org.conduit.manager.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import org.conduit.storage.spi.StorageException;

/** The GCS error document types, built in one place. */
public final class ApiErrors {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ApiErrors() {
    }

    /** One invalid property (null when the whole document is at fault). */
    public record Problem(String property, String message) {
    }

    public static ApiException invalidInput(List<Problem> problems) {
        ObjectNode detail = typed("invalid_input#1.0.0");
        ArrayNode errors = detail.putArray("errors");
        StringBuilder message = new StringBuilder("Invalid input: ");
        for (Problem p : problems) {
            ObjectNode e = errors.addObject();
            if (p.property() != null) {
                e.put("property", p.property());
            }
            e.put("message", p.message());
            message.append(p.property() == null ? "" : p.property() + ": ").append(p.message()).append("; ");
        }
        return new ApiException(400, "InvalidInput", message.substring(0, message.length() - 2), detail);
    }

    public static ApiException invalidInput(String property, String message) {
        return invalidInput(List.of(new Problem(property, message)));
    }

    public static ApiException notFound(String what, String id) {
        String type = switch (what) {
            case "collection" -> "CollectionNotFound";
            case "storage_gateway" -> "StorageGatewayNotFound";
            case "user_credential" -> "CredentialNotFound";
            default -> "NotFound";
        };
        ObjectNode detail = null;
        if (type.equals("StorageGatewayNotFound")) {
            detail = typed("storage_gateway_not_found#1.0.0").put("storage_gateway_id", id);
        }
        return new ApiException(404, type, what.replace('_', ' ') + " " + id + " does not exist", detail);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "AuthenticationFailed", message, null);
    }

    public static ApiException missingRequiredRole(String message, Collection<String> roles) {
        ObjectNode detail = typed("missing_required_role#1.0.0");
        ArrayNode list = detail.putArray("roles");
        roles.forEach(r -> list.addObject().put("role", r));
        return new ApiException(403, "MissingRequiredRole", message, detail);
    }

    public static ApiException permissionDenied(String message) {
        return new ApiException(403, "PermissionDenied", message, null);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "ResourceConflict", message, typed("resource_conflict#1.0.0"));
    }

    public static ApiException notFromAllowedDomain(String message, Collection<String> domains) {
        ObjectNode detail = typed("not_from_allowed_domain#1.0.0");
        ArrayNode list = detail.putArray("allowed_domains");
        domains.forEach(list::add);
        return new ApiException(403, "NotFromAllowedDomain", message, detail);
    }

    public static ApiException invalidUser(String message) {
        return new ApiException(403, "InvalidUser", message, typed("invalid_user#1.0.0"));
    }

    /** An access decision's denial, with the status its type calls for (401 when logging in again helps). */
    public static ApiException denied(org.conduit.manager.access.Decision.Deny deny) {
        int status = switch (deny.type()) {
            case AUTHENTICATION_TIMEOUT, AUTHENTICATION_REQUIRED -> 401;
            case PERMISSION_DENIED, MISSING_REQUIRED_ROLE -> 403;
        };
        return new ApiException(status, deny.type().code(), deny.message(), null);
    }

    /** A storage failure, through the one protocol error table. */
    public static ApiException storage(StorageException e) {
        return new ApiException(e.error().httpStatus(), e.error().restCode(), e.getMessage(), null);
    }

    private static ObjectNode typed(String dataType) {
        return JSON.objectNode().put("DATA_TYPE", dataType);
    }
}
