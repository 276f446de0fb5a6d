package org.conduit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conduit ls|stat|mkdir|rename|rm}: file operations on a collection through the Transfer API
 * ({@code /v0.10/operation/endpoint/ID/...}), as the caller: on a mapped collection as their local account,
 * on a guest collection as its owner's account within the caller's permissions. Paths are from the
 * collection's root.
 */
final class FileCommands {
    /** The largest page the node answers ({@code FileOperations.MAX_LIMIT}). */
    static final int MAX_PAGE = 100_000;

    private FileCommands() {
    }

    static final List<Output.Column> LS_COLUMNS = List.of(
        Output.Column.field("Type", "type"),
        Output.Column.field("Permissions", "permissions"),
        Output.Column.field("User", "user"),
        Output.Column.field("Size", "size"),
        Output.Column.field("Last Modified", "last_modified"),
        Output.Column.field("Name", "name"));

    @Command(name = "ls", mixinStandardHelpOptions = true,
        description = {"List a folder of a collection.",
            "Without a path, the collection's root. Names starting with . are left out unless --all.",
            "--format json prints the array of file documents."})
    static final class Ls extends ApiCommand {
        @Parameters(paramLabel = "COLLECTION_ID[:PATH]", description = "e.g. 5e7d...:/project/data")
        String target;

        @Option(names = {"-a", "--all"}, description = "Show hidden entries (names starting with .) too.")
        boolean all;

        @Option(names = "--limit", paramLabel = "N", description = "Show at most N entries.")
        Integer limit;

        /** The request for the page starting at {@code offset}, given how many entries are still wanted. */
        ManagerClient.Call page(int offset, int wanted) {
            if (limit != null && limit < 1) {
                throw new UsageError("--limit must be at least 1");
            }
            CollectionPath where = CollectionPath.parse(target);
            Map<String, String> query = new LinkedHashMap<>();
            if (where.path() != null) {
                query.put("path", where.path());
            }
            query.put("show_hidden", all ? "1" : "0");
            if (offset > 0) {
                query.put("offset", Integer.toString(offset));
            }
            if (limit != null || offset > 0) {
                query.put("limit", Integer.toString(Math.min(wanted, MAX_PAGE)));
            }
            return ManagerClient.Call.get(where.operation("ls"), query);
        }

        @Override
        void run() {
            int max = limit == null ? Integer.MAX_VALUE : limit;
            List<JsonNode> entries = new ArrayList<>();
            while (true) {
                ManagerClient.Call call = page(entries.size(), max - entries.size());
                JsonNode page = api().transfer(call);
                JsonNode data = page.path("DATA");
                data.forEach(e -> {
                    if (entries.size() < max) {
                        entries.add(e);
                    }
                });
                if (!page.path("has_next_page").asBoolean(false) || data.isEmpty() || entries.size() >= max) {
                    break;
                }
            }
            output().documents(entries, LS_COLUMNS);
        }
    }

    @Command(name = "stat", description = "Show one file or folder of a collection.", mixinStandardHelpOptions = true)
    static final class Stat extends ApiCommand {
        @Parameters(paramLabel = "COLLECTION_ID:PATH")
        String target;

        ManagerClient.Call request() {
            CollectionPath where = CollectionPath.parseWithPath(target, "stat");
            return ManagerClient.Call.get(where.operation("stat"), Map.of("path", where.path()));
        }

        @Override
        void run() {
            ManagerClient.Call call = request();
            output().document(api().transfer(call));
        }
    }

    @Command(name = "mkdir", mixinStandardHelpOptions = true,
        description = "Make a folder in a collection; missing parents are made too. An existing path is an error.")
    static final class Mkdir extends ApiCommand {
        @Parameters(paramLabel = "COLLECTION_ID:PATH")
        String target;

        ManagerClient.Call request() {
            CollectionPath where = CollectionPath.parseWithPath(target, "mkdir");
            ObjectNode doc = Json.document("mkdir").put("path", where.path());
            return ManagerClient.Call.post(where.operation("mkdir"), doc);
        }

        @Override
        void run() {
            ManagerClient.Call call = request();
            output().done("Created folder " + target, api().transfer(call));
        }
    }

    @Command(name = "rename", mixinStandardHelpOptions = true,
        description = "Rename or move a file or folder within one collection.")
    static final class Rename extends ApiCommand {
        @Parameters(index = "0", paramLabel = "COLLECTION_ID:OLD_PATH")
        String source;

        @Parameters(index = "1", paramLabel = "NEW_PATH",
            description = "The new path in the same collection (COLLECTION_ID:NEW_PATH also accepted).")
        String destination;

        ManagerClient.Call request() {
            CollectionPath from = CollectionPath.parseWithPath(source, "rename");
            String to = destination;
            String sameCollection = from.collectionId() + ":";
            if (to.startsWith(sameCollection)) {
                to = to.substring(sameCollection.length());
            }
            if (to.isEmpty()) {
                throw new UsageError("conduit rename needs the new path, e.g. " + from.collectionId()
                    + ":/old /new");
            }
            ObjectNode doc = Json.document("rename").put("old_path", from.path()).put("new_path", to);
            return ManagerClient.Call.post(from.operation("rename"), doc);
        }

        @Override
        void run() {
            ManagerClient.Call call = request();
            output().done("Renamed " + source + " to " + call.body().path("new_path").asText(),
                api().transfer(call));
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
        description = {"Delete a file, or with -r a folder and everything in it.",
            "Done at once, not as a task (a Conduit extension: Globus deletes through transfer tasks)."})
    static final class Rm extends ApiCommand {
        @Parameters(paramLabel = "COLLECTION_ID:PATH")
        String target;

        @Option(names = {"-r", "--recursive"}, description = "Delete a folder with its contents.")
        boolean recursive;

        ManagerClient.Call request() {
            CollectionPath where = CollectionPath.parseWithPath(target, "rm");
            ObjectNode doc = Json.document("delete").put("path", where.path()).put("recursive", recursive);
            return ManagerClient.Call.post(where.operation("delete"), doc);
        }

        @Override
        void run() {
            ManagerClient.Call call = request();
            output().done("Deleted " + target, api().transfer(call));
        }
    }
}
