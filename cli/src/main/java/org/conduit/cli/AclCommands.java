package org.conduit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code conduit acl list|create|show|update|delete}: a guest collection's permissions, through the Transfer
 * API v0.10 {@code access} documents ({@code /v0.10/endpoint/ID/access_list}, {@code /access},
 * {@code /access/RULE_ID}).
 */
@Command(name = "acl", description = "Grant, list, change and revoke permissions on a guest collection.",
    synopsisSubcommandLabel = "COMMAND", mixinStandardHelpOptions = true,
    subcommands = {AclCommands.ListRules.class, AclCommands.Create.class, AclCommands.Show.class,
        AclCommands.Update.class, AclCommands.Delete.class})
final class AclCommands {
    static final String ACCESS = "access";

    private static final String IDENTITY_URN = "urn:globus:auth:identity:";
    private static final String GROUP_URN = "urn:globus:auth:group:";

    enum PrincipalType {
        identity, group, all_authenticated_users, anonymous;

        boolean namesPrincipal() {
            return this == identity || this == group;
        }
    }

    enum Permissions { r, rw }

    static String endpoint(String collectionId) {
        return ManagerClient.TRANSFER + "/endpoint/" + ManagerClient.segment(collectionId);
    }

    static String rule(String collectionId, String ruleId) {
        return endpoint(collectionId) + "/access/" + ManagerClient.segment(ruleId);
    }

    static final List<Output.Column> COLUMNS = List.of(
        Output.Column.field("Rule ID", "id"),
        Output.Column.field("Permissions", "permissions"),
        Output.Column.field("Principal Type", "principal_type"),
        Output.Column.field("Principal", "principal"),
        Output.Column.field("Path", "path"),
        Output.Column.field("Expiration", "expiration_date"));

    @Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the permissions of a guest collection (its owner and access managers).",
            "--format json prints the array of access documents."})
    static final class ListRules extends ApiCommand {
        @Parameters(paramLabel = "COLLECTION_ID", description = "The guest collection.")
        String collection;

        ManagerClient.Call request() {
            return ManagerClient.Call.get(endpoint(collection) + "/access_list", Map.of());
        }

        @Override
        void run() {
            ManagerClient.Call call = request();
            List<JsonNode> rules = new ArrayList<>();
            api().transfer(call).path("DATA").forEach(rules::add);
            output().documents(rules, COLUMNS);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Grant a principal read (r) or read-write (rw) access to a folder of a guest collection.",
            "Text output names the new rule; --field access_id prints just its id."})
    static final class Create extends ApiCommand {
        @Parameters(paramLabel = "COLLECTION_ID", description = "The guest collection.")
        String collection;

        @Option(names = "--principal-type", required = true, paramLabel = "TYPE",
            description = "identity, group, all_authenticated_users or anonymous.")
        PrincipalType principalType;

        @Option(names = "--principal", paramLabel = "PRINCIPAL",
            description = "identity: a USER@DOMAIN username or an identity id (UUID); group: the group id."
                + " Not given for all_authenticated_users and anonymous.")
        String principal;

        @Option(names = "--path", required = true, paramLabel = "PATH",
            description = "The folder, from the collection's root, starting and ending with / (e.g. /shared/).")
        String path;

        @Option(names = "--permissions", required = true, paramLabel = "PERMS", description = "r or rw.")
        Permissions permissions;

        @Option(names = "--expiration", paramLabel = "TIME", converter = Expiration.class,
            description = "When the rule stops granting access: 2027-01-31T00:00:00Z, or a date (midnight UTC).")
        Instant expiration;

        @Option(names = "--notify-email", paramLabel = "EMAIL", description = "Tell this address about the grant.")
        String notifyEmail;

        @Option(names = "--notify-message", paramLabel = "TEXT", description = "Message for --notify-email.")
        String notifyMessage;

        ManagerClient.Call request() {
            ObjectNode doc = Json.document(ACCESS);
            doc.put("principal_type", principalType.name());
            if (principalType.namesPrincipal()) {
                if (principal == null || principal.isBlank()) {
                    throw new UsageError("--principal-type " + principalType + " needs --principal ("
                        + (principalType == PrincipalType.identity ? "USER@DOMAIN or an identity id"
                            : "the group id") + ")");
                }
                doc.put("principal", principal.strip().replaceFirst(
                    "^" + (principalType == PrincipalType.identity ? IDENTITY_URN : GROUP_URN), ""));
            } else {
                if (principal != null && !principal.isEmpty()) {
                    throw new UsageError("--principal-type " + principalType + " names no one: leave out --principal");
                }
                doc.put("principal", "");
            }
            doc.put("path", path);
            doc.put("permissions", permissions.name());
            if (expiration != null) {
                doc.put("expiration_date", expiration.toString());
            }
            Json.putIfGiven(doc, "notify_email", notifyEmail);
            if (notifyMessage != null && notifyEmail == null) {
                throw new UsageError("--notify-message goes with --notify-email");
            }
            Json.putIfGiven(doc, "notify_message", notifyMessage);
            return ManagerClient.Call.post(endpoint(collection) + "/access", doc);
        }

        @Override
        void run() {
            ManagerClient.Call call = request();
            JsonNode result = api().transfer(call);
            output().done("Created access rule " + result.path("access_id").asText() + ": "
                + permissions + " for " + principalType + (principalType.namesPrincipal()
                    ? " " + call.body().path("principal").asText() : "") + " on " + path, result);
        }
    }

    @Command(name = "show", description = "Show one permission of a guest collection.",
        mixinStandardHelpOptions = true)
    static final class Show extends ApiCommand {
        @Parameters(index = "0", paramLabel = "COLLECTION_ID")
        String collection;

        @Parameters(index = "1", paramLabel = "RULE_ID")
        String ruleId;

        ManagerClient.Call request() {
            return ManagerClient.Call.get(rule(collection, ruleId), Map.of());
        }

        @Override
        void run() {
            ManagerClient.Call call = request();
            output().document(api().transfer(call));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Change a permission's access or expiration (PUT).",
            "Who and where cannot change: delete the rule and create another."})
    static final class Update extends ApiCommand {
        @Parameters(index = "0", paramLabel = "COLLECTION_ID")
        String collection;

        @Parameters(index = "1", paramLabel = "RULE_ID")
        String ruleId;

        @Option(names = "--permissions", paramLabel = "PERMS", description = "r or rw.")
        Permissions permissions;

        @Option(names = "--expiration", paramLabel = "TIME", converter = Expiration.class,
            description = "New expiration: 2027-01-31T00:00:00Z, or a date (midnight UTC).")
        Instant expiration;

        @Option(names = "--no-expiration", description = "Remove the expiration: the rule never expires.")
        boolean noExpiration;

        ManagerClient.Call request() {
            if (expiration != null && noExpiration) {
                throw new UsageError("--expiration and --no-expiration contradict each other");
            }
            ObjectNode doc = Json.document(ACCESS);
            if (permissions != null) {
                doc.put("permissions", permissions.name());
            }
            if (expiration != null) {
                doc.put("expiration_date", expiration.toString());
            } else if (noExpiration) {
                doc.putNull("expiration_date");
            }
            if (doc.size() == 1) {
                throw new UsageError("nothing to change: give --permissions, --expiration or --no-expiration");
            }
            return ManagerClient.Call.put(rule(collection, ruleId), doc);
        }

        @Override
        void run() {
            ManagerClient.Call call = request();
            output().done("Updated access rule " + ruleId, api().transfer(call));
        }
    }

    @Command(name = "delete", description = "Revoke a permission of a guest collection.",
        mixinStandardHelpOptions = true)
    static final class Delete extends ApiCommand {
        @Parameters(index = "0", paramLabel = "COLLECTION_ID")
        String collection;

        @Parameters(index = "1", paramLabel = "RULE_ID")
        String ruleId;

        ManagerClient.Call request() {
            return ManagerClient.Call.delete(rule(collection, ruleId));
        }

        @Override
        void run() {
            ManagerClient.Call call = request();
            output().done("Deleted access rule " + ruleId, api().transfer(call));
        }
    }

    /** An ISO-8601 instant, or a date meaning its midnight UTC. */
    static final class Expiration implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            String v = value.strip();
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException notAnInstant) {
                try {
                    return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notADate) {
                    throw new TypeConversionException("'" + value + "' is not a time; write e.g."
                        + " 2027-01-31T00:00:00Z or 2027-01-31");
                }
            }
        }
    }
}
