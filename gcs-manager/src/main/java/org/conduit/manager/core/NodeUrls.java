package org.conduit.manager.core;

/** Where this node's services answer, as clients should reach them. */
public record NodeUrls(String managerUrl, String httpsUrl, String gridftpUrl) {
}
