package org.conduit.storage.spi;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The connectors on the class path, found with {@link ServiceLoader}, keyed by {@link ConnectorProvider#id()}. */
public final class Connectors {
    private final Map<String, ConnectorProvider> byId;

    private Connectors(Map<String, ConnectorProvider> byId) {
        this.byId = Map.copyOf(byId);
    }

    /** Fails fast when two providers claim the same id or GCS connector UUID. */
    public static Connectors discover(ClassLoader loader) {
        Map<String, ConnectorProvider> byId = new LinkedHashMap<>();
        Map<String, ConnectorProvider> byUuid = new LinkedHashMap<>();
        for (ConnectorProvider provider : ServiceLoader.load(ConnectorProvider.class, loader)) {
            claim(byId, provider.id(), provider);
            claim(byUuid, provider.gcsConnectorId(), provider);
        }
        return new Connectors(byId);
    }

    private static void claim(Map<String, ConnectorProvider> map, String key, ConnectorProvider provider) {
        ConnectorProvider earlier = map.putIfAbsent(key, provider);
        if (earlier != null) {
            throw new IllegalStateException("two connectors claim '" + key + "': " + earlier.getClass().getName()
                + " and " + provider.getClass().getName() + "; remove one jar from the class path");
        }
    }

    /** By short id ({@code posix}) or GCS connector UUID. */
    public Optional<ConnectorProvider> find(String idOrUuid) {
        ConnectorProvider direct = byId.get(idOrUuid);
        if (direct != null) {
            return Optional.of(direct);
        }
        return byId.values().stream().filter(p -> p.gcsConnectorId().equalsIgnoreCase(idOrUuid)).findFirst();
    }

    public Collection<ConnectorProvider> all() {
        return byId.values();
    }
}
