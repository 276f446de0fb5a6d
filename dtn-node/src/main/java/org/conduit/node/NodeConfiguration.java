package org.conduit.node;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.conduit.manager.auth.AuthenticationConfig;
import org.conduit.manager.config.ManagerSettings;

/** {@code conduit.yaml}: see {@code deploy/conduit.example.yaml} for every setting and its default. */
public final class NodeConfiguration extends Configuration {
    @NotNull
    @JsonProperty("home")
    private String home;

    @Valid
    @NotNull
    @JsonProperty("manager")
    private ManagerSettings manager = new ManagerSettings();

    @JsonProperty("authentication")
    private AuthenticationConfig authentication = AuthenticationConfig.of(java.util.List.of());

    @Valid
    @NotNull
    @JsonProperty("database")
    private DataSourceFactory database = new DataSourceFactory();

    public Home home() {
        return new Home(java.nio.file.Path.of(home));
    }

    public ManagerSettings manager() {
        return manager;
    }

    public AuthenticationConfig authentication() {
        return authentication;
    }

    public DataSourceFactory database() {
        return database;
    }
}
