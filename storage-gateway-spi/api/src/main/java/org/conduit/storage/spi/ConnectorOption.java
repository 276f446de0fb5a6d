package org.conduit.storage.spi;

/**
 * One declared setting of a connector: drives config validation, the REST schema and the docs.
 *
 * @param secret values are never logged or returned to non-admins
 */
public record ConnectorOption(String name, String help, String defaultValue, boolean required, boolean secret) {

    public static ConnectorOption optional(String name, String help, String defaultValue) {
        return new ConnectorOption(name, help, defaultValue, false, false);
    }

    public static ConnectorOption required(String name, String help) {
        return new ConnectorOption(name, help, null, true, false);
    }

    public static ConnectorOption secret(String name, String help) {
        return new ConnectorOption(name, help, null, false, true);
    }
}
