package org.conduit.manager.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.conduit.manager.access.Operation;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.web.Caller;
import org.conduit.storage.spi.FileInfo;
import org.conduit.storage.spi.Listing;
import org.conduit.storage.spi.StorageException;
import org.conduit.storage.spi.StoragePath;

/**
 * The Transfer API file operations on a collection ({@code ls}, {@code stat}, {@code mkdir}, {@code rename},
 * and a synchronous {@code delete}), each through {@link CollectionAccess}.
 */
public final class FileOperations {
    public static final int MAX_LIMIT = 100_000;
    private static final DateTimeFormatter TRANSFER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx")
        .withZone(ZoneOffset.UTC);

    private final CollectionAccess access;

    public FileOperations(CollectionAccess access) {
        this.access = access;
    }

    /** {@code file_list}: entries sorted by name, {@code offset}/{@code limit} applied after hidden-file filtering. */
    public ObjectNode ls(Caller caller, String collectionId, String path, boolean showHidden, int offset, int limit) {
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw ApiErrors.invalidInput("limit", "limit must be 1.." + MAX_LIMIT + " and offset at least 0");
        }
        StoragePath dir = StoragePath.parse(path);
        List<FileInfo> entries = new ArrayList<>();
        try (CollectionAccess.Opened opened = access.open(caller, collectionId, Operation.LIST, dir);
             Listing listing = opened.session().list(dir)) {
            boolean traverseOnly = opened.permit().traverseOnly();
            listing.forEachRemaining(e -> {
                if ((showHidden || !e.name().startsWith("."))
                        && (!traverseOnly || opened.allows().test(Operation.STAT, e.path()))) {
                    entries.add(e);
                }
            });
        }
        entries.sort(Comparator.comparing(FileInfo::name));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("DATA_TYPE", "file_list");
        out.put("endpoint", collectionId);
        out.put("path", dir.isRoot() ? "/" : dir + "/");
        ArrayNode data = out.putArray("DATA");
        entries.stream().skip(offset).limit(limit).forEach(e -> data.add(file(e)));
        out.put("offset", offset);
        out.put("limit", limit);
        out.put("length", data.size());
        out.put("total", entries.size());
        out.put("has_next_page", offset + data.size() < entries.size());
        return out;
    }

    public ObjectNode stat(Caller caller, String collectionId, String path) {
        StoragePath p = StoragePath.parse(path);
        try (CollectionAccess.Opened opened = access.open(caller, collectionId, Operation.STAT, p)) {
            return file(opened.session().stat(p));
        }
    }

    /** Creates the directory and any missing parents; an existing directory is an error, as in Transfer. */
    public ObjectNode mkdir(Caller caller, String collectionId, JsonNode body) {
        StoragePath p = StoragePath.parse(requireText(body, "path", "mkdir"));
        try (CollectionAccess.Opened opened = access.open(caller, collectionId, Operation.WRITE, p)) {
            for (StoragePath missing = p.parent(); !missing.isRoot() && !exists(opened, missing); missing = missing.parent()) {
                if (!opened.allows().test(Operation.WRITE, missing)) {
                    throw ApiErrors.permissionDenied("you may not create " + missing);
                }
            }
            opened.session().mkdir(p.parent(), true);
            opened.session().mkdir(p, false);
        }
        return result("mkdir_result", "DirectoryCreated", "The directory was created successfully");
    }

    public ObjectNode rename(Caller caller, String collectionId, JsonNode body) {
        StoragePath from = StoragePath.parse(requireText(body, "old_path", "rename"));
        StoragePath to = StoragePath.parse(requireText(body, "new_path", "rename"));
        try (CollectionAccess.Opened source = access.open(caller, collectionId, Operation.WRITE, from)) {
            if (!source.allows().test(Operation.WRITE, to)) {
                throw ApiErrors.permissionDenied("you may not write " + to);
            }
            requireWritableTree(source, from, to);
            source.session().rename(from, to, false);
        }
        return result("result", "FileRenamed", "File or directory renamed successfully");
    }

    public ObjectNode delete(Caller caller, String collectionId, JsonNode body) {
        StoragePath p = StoragePath.parse(requireText(body, "path", "delete"));
        boolean recursive = body.path("recursive").asBoolean(false);
        try (CollectionAccess.Opened opened = access.open(caller, collectionId, Operation.WRITE, p)) {
            if (recursive) {
                requireWritableTree(opened, p, p);
            }
            opened.session().delete(p, recursive);
        }
        return result("result", "FileDeleted", "File or directory deleted successfully");
    }

    /**
     * A permission on a folder does not cover what restrictions or ACLs keep below it: every entry of the tree
     * under {@code from} must be writable there, and (for a move) at its new place under {@code to}.
     */
    private static void requireWritableTree(CollectionAccess.Opened opened, StoragePath from, StoragePath to) {
        if (!opened.session().stat(from).isDirectory()) {
            return;
        }
        java.util.ArrayDeque<StoragePath> folders = new java.util.ArrayDeque<>(List.of(from));
        while (!folders.isEmpty()) {
            StoragePath folder = folders.pop();
            try (Listing listing = opened.session().list(folder)) {
                while (listing.hasNext()) {
                    FileInfo entry = listing.next();
                    StoragePath moved = to.resolvePath(from.isRoot() ? entry.path().relative()
                        : entry.path().relative().substring(from.relative().length() + 1));
                    if (!opened.allows().test(Operation.WRITE, entry.path())
                            || !opened.allows().test(Operation.WRITE, moved)) {
                        throw ApiErrors.permissionDenied(from + " contains " + entry.path()
                            + ", which you may not change; the whole operation was refused");
                    }
                    if (entry.isDirectory()) {
                        folders.push(entry.path());
                    }
                }
            }
        }
    }

    private static boolean exists(CollectionAccess.Opened opened, StoragePath path) {
        try {
            opened.session().stat(path);
            return true;
        } catch (StorageException.NotFound e) {
            return false;
        }
    }

    private static String requireText(JsonNode body, String field, String dataType) {
        if (body == null || !body.isObject()) {
            throw ApiErrors.invalidInput(null, "the request body must be a JSON " + dataType + " document");
        }
        if (body.has("DATA_TYPE") && !dataType.equals(body.get("DATA_TYPE").asText())) {
            throw ApiErrors.invalidInput("DATA_TYPE", "must be '" + dataType + "'");
        }
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw ApiErrors.invalidInput(field, "is required");
        }
        return v.asText();
    }

    static ObjectNode file(FileInfo info) {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.put("DATA_TYPE", "file");
        f.put("name", info.name().isEmpty() ? "/" : info.name());
        f.put("type", switch (info.type()) {
            case DIRECTORY -> "dir";
            case SYMLINK -> "link";
            case FILE, OTHER -> "file";
        });
        f.put("size", info.size());
        f.put("last_modified", TRANSFER_TIME.format(info.modified()));
        if (info.mode().isPresent()) {
            f.put("permissions", String.format("%04o", info.mode().getAsInt()));
        } else {
            f.putNull("permissions");
        }
        f.put("user", info.owner());
        f.put("group", info.group());
        f.putNull("link_target");
        return f;
    }

    private static ObjectNode result(String dataType, String code, String message) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("DATA_TYPE", dataType);
        r.put("code", code);
        r.put("message", message);
        r.put("request_id", java.util.UUID.randomUUID().toString().substring(0, 12));
        return r;
    }
}
