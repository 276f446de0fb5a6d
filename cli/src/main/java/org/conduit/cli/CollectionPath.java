package org.conduit.cli;

/**
 * A {@code COLLECTION_ID[:PATH]} argument of the file verbs, as in the Globus CLI: the collection, and a path
 * inside it (null when none was given). Collection ids are UUIDs, so the first colon ends the id and the
 * path may contain colons of its own.
 */
record CollectionPath(String collectionId, String path) {
    static CollectionPath parse(String argument) {
        int colon = argument.indexOf(':');
        String id = (colon < 0 ? argument : argument.substring(0, colon)).strip();
        String path = colon < 0 ? null : argument.substring(colon + 1);
        if (id.isEmpty()) {
            throw new UsageError("'" + argument + "' names no collection: write COLLECTION_ID:/path"
                + " (`conduit collection list` shows the ids)");
        }
        return new CollectionPath(id, path == null || path.isEmpty() ? null : path);
    }

    /** For verbs that act on one file or folder: the path must be given. */
    static CollectionPath parseWithPath(String argument, String verb) {
        CollectionPath p = parse(argument);
        if (p.path() == null) {
            throw new UsageError("conduit " + verb + " needs a path: write " + p.collectionId() + ":/PATH");
        }
        return p;
    }

    /** The Transfer API path of a file operation on this collection, e.g. {@code .../operation/endpoint/ID/ls}. */
    String operation(String name) {
        return ManagerClient.TRANSFER + "/operation/endpoint/" + ManagerClient.segment(collectionId) + "/" + name;
    }

    @Override
    public String toString() {
        return path == null ? collectionId : collectionId + ":" + path;
    }
}
