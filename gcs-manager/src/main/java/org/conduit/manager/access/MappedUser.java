package org.conduit.manager.access;

import java.util.Objects;
import java.util.Optional;

/**
 * The two facts about a local account that path restrictions interpolate: {@code $USER} (the
 * connector-specific username) and {@code ~} / {@code $HOME}. For a guest collection this is the account
 * of the identity that created it, whoever is calling.
 *
 * @param homeDirectory absolute; empty when the connector has no notion of a home directory (GCS then uses {@code /})
 */
public record MappedUser(String username, Optional<String> homeDirectory) {

    public MappedUser {
        Objects.requireNonNull(username, "username");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("username is empty");
        }
        Objects.requireNonNull(homeDirectory, "homeDirectory");
        homeDirectory = homeDirectory.map(CollectionPaths::normaliseAbsolute);
    }

    public static MappedUser of(String username, String homeDirectory) {
        return new MappedUser(username, Optional.of(homeDirectory));
    }

    public static MappedUser withoutHome(String username) {
        return new MappedUser(username, Optional.empty());
    }

    /** What {@code ~} and {@code $HOME} stand for. */
    public String home() {
        return homeDirectory.orElse("/");
    }
}
