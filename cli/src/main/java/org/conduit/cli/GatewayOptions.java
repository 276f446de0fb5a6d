package org.conduit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The storage-gateway fields every connector shares, for {@code create} and {@code update}. */
final class GatewayOptions {
    @Option(names = "--display-name", paramLabel = "NAME", description = "Name of the gateway (required to create).")
    String displayName;

    @Option(names = "--domain", split = ",", paramLabel = "DOMAIN",
        description = "Identity domain allowed to use the gateway, e.g. example.org (repeatable; at least one"
            + " to create; replaces the list on update).")
    List<String> domains;

    @Option(names = "--identity-mapping", paramLabel = "FILE.json",
        description = "JSON file with one identity mapping document or a list of them, e.g."
            + " {\"DATA_TYPE\": \"expression_identity_mapping#1.0.0\", ...} (repeatable; replaces on update).")
    List<Path> identityMappings;

    @Option(names = "--users-allow", split = ",", paramLabel = "USER",
        description = "Only these local users may use the gateway (repeatable; \"\" clears).")
    List<String> usersAllow;

    @Option(names = "--users-deny", split = ",", paramLabel = "USER",
        description = "These local users may not use the gateway (repeatable; \"\" clears).")
    List<String> usersDeny;

    @Option(names = "--restrict-paths", paramLabel = "FILE.json",
        description = "JSON file with a path_restrictions#1.0.0 document ({\"read\": [...], \"read_write\": [...],"
            + " \"none\": [...]}).")
    Path restrictPaths;

    @Option(names = "--high-assurance", negatable = true,
        description = "Require high-assurance authentication for its collections.")
    Boolean highAssurance;

    @Option(names = "--require-mfa", negatable = true, description = "Require multi-factor authentication.")
    Boolean requireMfa;

    @Option(names = "--authentication-timeout-mins", paramLabel = "MINUTES",
        description = "How recent a high-assurance login must be.")
    Integer authenticationTimeoutMins;

    @Option(names = "--admin-managed-credentials", negatable = true,
        description = "Let administrators create user credentials for other users.")
    Boolean adminManagedCredentials;

    /** Writes the given options into a storage_gateway document. */
    void into(ObjectNode doc) {
        Json.putIfGiven(doc, "display_name", displayName);
        Json.putList(doc, "allowed_domains", domains);
        if (identityMappings != null) {
            ArrayNode list = doc.putArray("identity_mappings");
            for (Path file : identityMappings) {
                JsonNode mapping = Json.readFile(file, "--identity-mapping");
                if (mapping.isObject()) {
                    list.add(mapping);
                } else if (mapping.isArray() && allObjects(mapping)) {
                    list.addAll((ArrayNode) mapping);
                } else {
                    throw new UsageError("--identity-mapping " + file + " must hold an identity mapping document"
                        + " (a JSON object) or a list of them");
                }
            }
        }
        Json.putList(doc, "users_allow", usersAllow);
        Json.putList(doc, "users_deny", usersDeny);
        if (restrictPaths != null) {
            JsonNode restrictions = Json.readFile(restrictPaths, "--restrict-paths");
            if (!restrictions.isObject()) {
                throw new UsageError("--restrict-paths " + restrictPaths + " must hold a path_restrictions#1.0.0"
                    + " document (a JSON object)");
            }
            ObjectNode typed = Json.document("path_restrictions#1.0.0");
            typed.setAll((ObjectNode) restrictions);
            doc.set("restrict_paths", typed);
        }
        Json.putIfGiven(doc, "high_assurance", highAssurance);
        Json.putIfGiven(doc, "require_mfa", requireMfa);
        Json.putIfGiven(doc, "authentication_timeout_mins", authenticationTimeoutMins);
        Json.putIfGiven(doc, "admin_managed_credentials", adminManagedCredentials);
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isObject()) {
                return false;
            }
        }
        return true;
    }
}
