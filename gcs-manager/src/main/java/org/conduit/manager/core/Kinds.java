package org.conduit.manager.core;

/** The {@code kind} column of stored documents. */
final class Kinds {
    static final String ENDPOINT = "endpoint";
    static final String NODE = "node";
    static final String STORAGE_GATEWAY = "storage_gateway";
    static final String COLLECTION = "collection";
    static final String ROLE = "role";
    static final String USER_CREDENTIAL = "user_credential";
    static final String SHARING_POLICY = "sharing_policy";
    static final String ACL = "acl";

    private Kinds() {
    }
}
