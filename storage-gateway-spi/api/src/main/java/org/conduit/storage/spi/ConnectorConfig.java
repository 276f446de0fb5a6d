package org.conduit.storage.spi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A storage gateway's settings for one connector, validated against the connector's declared options. */
public final class ConnectorConfig {
    private final Map<String, String> values;
    private final List<ConnectorOption> options;

    private ConnectorConfig(Map<String, String> values, List<ConnectorOption> options) {
        this.values = Map.copyOf(values);
        this.options = List.copyOf(options);
    }

    /**
     * Validates {@code values}: unknown names and missing required options are refused with one message that
     * lists every problem; defaults fill the rest.
     */
    public static ConnectorConfig validate(ConnectorProvider provider, Map<String, String> values) {
        List<ConnectorOption> options = provider.options();
        Map<String, ConnectorOption> byName = options.stream()
            .collect(Collectors.toMap(ConnectorOption::name, o -> o));
        StringBuilder problems = new StringBuilder();
        for (String name : new TreeMap<>(values).keySet()) {
            if (!byName.containsKey(name)) {
                problems.append("unknown option '").append(name).append("'; ");
            }
        }
        Map<String, String> resolved = new HashMap<>();
        for (ConnectorOption option : options) {
            String value = values.get(option.name());
            if (value == null || value.isBlank()) {
                value = option.defaultValue();
            }
            if (value == null) {
                if (option.required()) {
                    problems.append("option '").append(option.name()).append("' is required (")
                        .append(option.help()).append("); ");
                }
                continue;
            }
            resolved.put(option.name(), value);
        }
        if (problems.length() > 0) {
            throw new IllegalArgumentException("invalid settings for connector '" + provider.id() + "': "
                + problems.substring(0, problems.length() - 2) + ". Known options: "
                + options.stream().map(ConnectorOption::name).collect(Collectors.joining(", ")));
        }
        return new ConnectorConfig(resolved, options);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> new IllegalArgumentException("option '" + name + "' is not set"));
    }

    /** Secret values redacted. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        for (ConnectorOption option : options) {
            if (values.containsKey(option.name())) {
                shown.put(option.name(), option.secret() ? "***" : values.get(option.name()));
            }
        }
        return "ConnectorConfig" + shown;
    }
}
