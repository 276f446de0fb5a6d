package org.conduit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code conduit collection create|list|show|update|delete} ({@code /api/collections}). */
@Command(name = "collection", description = "Manage mapped and guest collections.",
    synopsisSubcommandLabel = "COMMAND", mixinStandardHelpOptions = true,
    subcommands = {CollectionCommands.Create.class, CollectionCommands.ListCollections.class,
        CollectionCommands.Show.class, CollectionCommands.Update.class, CollectionCommands.Delete.class})
final class CollectionCommands {
    static final String COLLECTION = "collection#1.16.0";
    static final String PATH = "/api/collections";

    static String path(String id) {
        return PATH + "/" + ManagerClient.segment(id);
    }

    enum Type { mapped, guest }

    @Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create a collection.",
            "mapped: a folder of a storage gateway, seen as each user's own account (administrators).",
            "guest: a folder of a mapped collection shared as its creator's account."})
    static final class Create extends ApiCommand {
        @Option(names = "--type", required = true, paramLabel = "TYPE", description = "mapped or guest.")
        Type type;

        @Option(names = "--storage-gateway", paramLabel = "GATEWAY_ID", description = "Mapped: its storage gateway.")
        String storageGateway;

        @Option(names = "--mapped-collection", paramLabel = "COLLECTION_ID",
            description = "Guest: the mapped collection it shares from.")
        String mappedCollection;

        @Option(names = "--user-credential", paramLabel = "CREDENTIAL_ID",
            description = "Guest: the creator's user credential on the gateway, where the connector needs one.")
        String userCredential;

        @Option(names = "--base-path", required = true, paramLabel = "PATH",
            description = "Mapped: absolute path on the gateway's storage. Guest: path inside the mapped"
                + " collection.")
        String basePath;

        @Mixin
        CollectionFields fields;

        ObjectNode request() {
            ObjectNode doc = Json.document(COLLECTION);
            doc.put("collection_type", type.name());
            if (type == Type.mapped) {
                if (storageGateway == null) {
                    throw new UsageError("a mapped collection needs --storage-gateway GATEWAY_ID"
                        + " (`conduit storage-gateway list` shows them)");
                }
                if (mappedCollection != null || userCredential != null) {
                    throw new UsageError("--mapped-collection and --user-credential are for guest collections");
                }
                doc.put("storage_gateway_id", storageGateway);
            } else {
                if (mappedCollection == null) {
                    throw new UsageError("a guest collection needs --mapped-collection COLLECTION_ID");
                }
                if (storageGateway != null || fields.allowGuestCollections != null || fields.deleteProtected != null) {
                    throw new UsageError("--storage-gateway, --allow-guest-collections and --delete-protected are"
                        + " for mapped collections");
                }
                doc.put("mapped_collection_id", mappedCollection);
                Json.putIfGiven(doc, "user_credential_id", userCredential);
            }
            doc.put("collection_base_path", basePath);
            fields.into(doc);
            if (doc.path("display_name").asText("").isBlank()) {
                throw new UsageError("--display-name is required to create a collection");
            }
            return doc;
        }

        @Override
        void run() {
            ObjectNode body = request();
            output().document(api().post(PATH, body).path("data").path(0));
        }
    }

    @Command(name = "list", description = "List the collections you can see.", mixinStandardHelpOptions = true)
    static final class ListCollections extends ApiCommand {
        @Option(names = "--filter", split = ",", paramLabel = "FILTER",
            description = "mapped_collections, guest_collections, managed_by_me, created_by_me (comma-separated).")
        List<String> filters;

        @Option(names = "--mapped-collection", paramLabel = "COLLECTION_ID",
            description = "Only the guest collections of this mapped collection.")
        String mappedCollection;

        Map<String, String> query() {
            Map<String, String> query = new LinkedHashMap<>();
            if (filters != null && !filters.isEmpty()) {
                query.put("filter", String.join(",", filters));
            }
            if (mappedCollection != null) {
                query.put("mapped_collection_id", mappedCollection);
            }
            return query;
        }

        @Override
        void run() {
            output().documents(api().listAll(PATH, query()), List.of(
                Output.Column.field("ID", "id"),
                Output.Column.field("Display Name", "display_name"),
                Output.Column.field("Type", "collection_type"),
                Output.Column.field("Storage Gateway", "storage_gateway_id"),
                Output.Column.field("Base Path", "collection_base_path")));
        }
    }

    @Command(name = "show", description = "Show a collection (private policies too, for its administrators).",
        mixinStandardHelpOptions = true)
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "COLLECTION_ID")
        String id;

        @Override
        void run() {
            output().document(api().get(path(id), Map.of("include", "private_policies")).path("data").path(0));
        }
    }

    @Command(name = "update", description = "Change the given fields of a collection (PATCH).",
        mixinStandardHelpOptions = true)
    static final class Update extends ApiCommand {
        @Parameters(paramLabel = "COLLECTION_ID")
        String id;

        @Mixin
        CollectionFields fields;

        ObjectNode request() {
            ObjectNode doc = Json.document(COLLECTION);
            fields.into(doc);
            if (doc.size() == 1) {
                throw new UsageError("nothing to change: give at least one field option");
            }
            return doc;
        }

        @Override
        void run() {
            ObjectNode body = request();
            output().document(api().patch(path(id), body).path("data").path(0));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a collection (a delete-protected one needs `update ID --no-delete-protected` first).")
    static final class Delete extends ApiCommand {
        @Parameters(paramLabel = "COLLECTION_ID")
        String id;

        @Override
        void run() {
            output().done("Deleted collection " + id, api().delete(path(id)));
        }
    }
}
