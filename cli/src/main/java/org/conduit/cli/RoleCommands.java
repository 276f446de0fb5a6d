package org.conduit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code conduit role create|list|show|delete} ({@code /api/roles}, {@code role#1.0.0}). */
@Command(name = "role", description = "Grant, list and revoke endpoint and collection roles.",
    synopsisSubcommandLabel = "COMMAND", mixinStandardHelpOptions = true,
    subcommands = {RoleCommands.Create.class, RoleCommands.ListRoles.class, RoleCommands.Show.class,
        RoleCommands.Delete.class})
final class RoleCommands {
    static final String ROLE = "role#1.0.0";
    static final String PATH = "/api/roles";

    enum RoleName { owner, administrator, access_manager, activity_manager, activity_monitor }

    @Command(name = "create", description = "Grant a role on the endpoint, or on one collection.",
        mixinStandardHelpOptions = true)
    static final class Create extends ApiCommand {
        @Option(names = "--role", required = true, paramLabel = "ROLE",
            description = "administrator, access_manager, activity_manager, activity_monitor or owner.")
        RoleName role;

        @Option(names = "--principal", required = true, paramLabel = "PRINCIPAL",
            description = "urn:globus:auth:identity:UUID, urn:globus:auth:group:UUID, or a USER@DOMAIN username"
                + " (the endpoint turns it into its identity URN).")
        String principal;

        @Option(names = "--collection", paramLabel = "COLLECTION_ID",
            description = "The collection; without it the role is on the whole endpoint.")
        String collection;

        ObjectNode request() {
            ObjectNode doc = Json.document(ROLE);
            doc.put("principal", principal);
            if (collection == null) {
                doc.putNull("collection");
            } else {
                doc.put("collection", collection);
            }
            doc.put("role", role.name());
            return doc;
        }

        @Override
        void run() {
            ObjectNode body = request();
            output().document(api().post(PATH, body).path("data").path(0));
        }
    }

    @Command(name = "list", description = "List role assignments.", mixinStandardHelpOptions = true)
    static final class ListRoles extends ApiCommand {
        @Option(names = "--collection", paramLabel = "COLLECTION_ID", description = "Only roles on this collection.")
        String collection;

        @Option(names = "--all", description = "All roles you may see, not only your own (include=all_roles).")
        boolean all;

        Map<String, String> query() {
            Map<String, String> query = new LinkedHashMap<>();
            if (collection != null) {
                query.put("collection_id", collection);
            }
            if (all) {
                query.put("include", "all_roles");
            }
            return query;
        }

        @Override
        void run() {
            output().documents(api().listAll(PATH, query()), List.of(
                Output.Column.field("ID", "id"),
                Output.Column.field("Role", "role"),
                Output.Column.field("Principal", "principal"),
                Output.Column.field("Collection", "collection")));
        }
    }

    @Command(name = "show", description = "Show a role assignment.", mixinStandardHelpOptions = true)
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "ROLE_ID")
        String id;

        @Override
        void run() {
            output().document(api().get(PATH + "/" + ManagerClient.segment(id)).path("data").path(0));
        }
    }

    @Command(name = "delete", description = "Revoke a role assignment.", mixinStandardHelpOptions = true)
    static final class Delete extends ApiCommand {
        @Parameters(paramLabel = "ROLE_ID")
        String id;

        @Override
        void run() {
            output().done("Deleted role " + id, api().delete(PATH + "/" + ManagerClient.segment(id)));
        }
    }
}
