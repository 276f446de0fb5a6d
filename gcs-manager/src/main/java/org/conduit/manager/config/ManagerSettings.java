package org.conduit.manager.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code manager:} section of the node configuration. */
public final class ManagerSettings {
    /** Identity domain of users who authenticate with tokens this endpoint issues ({@code alice@<domain>}). */
    @JsonProperty("local_identity_domain")
    private String localIdentityDomain = "localhost";

    /** Host name clients use to reach this node; goes into URLs and the TLS certificate. */
    @JsonProperty("public_host")
    private String publicHost = "localhost";

    @JsonProperty("display_name")
    private String displayName = "Conduit endpoint";

    /** Folder the default mapped collection exposes on first start. */
    @JsonProperty("default_collection_path")
    private String defaultCollectionPath;

    public String localIdentityDomain() {
        return localIdentityDomain;
    }

    public String publicHost() {
        return publicHost;
    }

    public String displayName() {
        return displayName;
    }

    public String defaultCollectionPath() {
        return defaultCollectionPath;
    }
}
