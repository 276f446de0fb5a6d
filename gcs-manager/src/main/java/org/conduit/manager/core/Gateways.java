package org.conduit.manager.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.conduit.identity.GatewayIdentityMapper;
import org.conduit.identity.GatewayMappingConfig;
import org.conduit.identity.Identity;
import org.conduit.identity.IdentityMappingException;
import org.conduit.identity.MappedAccount;
import org.conduit.identity.posix.AccountLookup;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.api.ApiException;
import org.conduit.storage.spi.ConnectorConfig;
import org.conduit.storage.spi.ConnectorOption;
import org.conduit.storage.spi.ConnectorProvider;
import org.conduit.storage.spi.Connectors;
import org.conduit.storage.spi.LocalAccount;
import org.conduit.storage.spi.StorageConnector;

/**
 * Storage gateways at run time: the connector each one is configured for (found by id through
 * {@link Connectors}, never by class) and its identity mapper. Rebuilt when a gateway document changes.
 */
public final class Gateways implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Gateways.class);
    private final Connectors connectors;
    private final AccountLookup posixAccounts;
    private final Map<String, Gateway> live = new ConcurrentHashMap<>();

    public Gateways(Connectors connectors, AccountLookup posixAccounts) {
        this.connectors = connectors;
        this.posixAccounts = posixAccounts;
    }

    /** A configured gateway: its document, connector and mapper. */
    public record Gateway(String id, ObjectNode document, ConnectorProvider provider, StorageConnector connector,
                          GatewayIdentityMapper mapper) {
    }

    public ConnectorProvider provider(String idOrUuid) {
        return connectors.find(idOrUuid).orElseThrow(() -> ApiErrors.invalidInput("connector_id",
            "no connector '" + idOrUuid + "' on this node; available: " + connectors.all().stream()
                .map(p -> p.id() + " (" + p.gcsConnectorId() + ")").collect(Collectors.joining(", "))));
    }

    /**
     * Checks a gateway document's connector settings (by creating the connector once: a root folder that does
     * not exist or an unknown group is found now, not on first use) and identity mapping; keeps nothing.
     */
    public void validate(String id, ObjectNode document) {
        ConnectorProvider provider = provider(document.path("connector_id").asText());
        ConnectorConfig config = connectorConfig(provider, document);
        mapper(id, provider, document);
        try {
            provider.create(config).close();
        } catch (RuntimeException e) {
            throw ApiErrors.invalidInput("policies", "the " + provider.id() + " connector refused these settings: "
                + e.getMessage());
        }
    }

    /** Names of the connector options that are secret (never shown back, kept when a client echoes the mask). */
    public java.util.Set<String> secretOptions(String connectorId) {
        return provider(connectorId).options().stream().filter(ConnectorOption::secret)
            .map(ConnectorOption::name).collect(Collectors.toSet());
    }

    /** The live gateway for a stored document, (re)built when the document changed. */
    public Gateway get(String id, ObjectNode document) {
        return live.compute(id, (key, current) -> {
            if (current != null && current.document().equals(document)) {
                return current;
            }
            if (current != null) {
                current.connector().close();
            }
            ConnectorProvider provider = provider(document.path("connector_id").asText());
            StorageConnector connector = provider.create(connectorConfig(provider, document));
            return new Gateway(id, document.deepCopy(), provider, connector, mapper(id, provider, document));
        });
    }

    public void evict(String id) {
        Gateway gone = live.remove(id);
        if (gone != null) {
            gone.connector().close();
        }
    }

    /** {@code policies} fields become connector options (lists comma-joined); the policy type must fit. */
    static ConnectorConfig connectorConfig(ConnectorProvider provider, ObjectNode gateway) {
        Map<String, String> options = new HashMap<>();
        JsonNode policies = gateway.get("policies");
        if (policies != null && !policies.isNull()) {
            String expected = provider.id() + "_storage_policies#1.";
            String dataType = policies.path("DATA_TYPE").asText("");
            if (!dataType.isEmpty() && !dataType.startsWith(expected)) {
                throw ApiErrors.invalidInput("policies", "a " + provider.id() + " storage gateway takes "
                    + expected + "x.y policies, not " + dataType);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = policies.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("DATA_TYPE") || e.getValue().isNull()) {
                    continue;
                }
                JsonNode v = e.getValue();
                options.put(e.getKey(), v.isArray()
                    ? StreamSupport.stream(v.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(","))
                    : v.asText());
            }
        }
        try {
            return ConnectorConfig.validate(provider, options);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidInput("policies", e.getMessage());
        }
    }

    private GatewayIdentityMapper mapper(String id, ConnectorProvider provider, ObjectNode document) {
        ObjectNode withIds = document.deepCopy();
        withIds.put("id", id);
        withIds.put("connector_id", provider.gcsConnectorId());
        try {
            GatewayMappingConfig.Builder config = GatewayMappingConfig.fromStorageGateway(withIds);
            if (provider.usesPosixAccounts()) {
                config.verifyAccountsWith(posixAccounts);
            }
            return GatewayIdentityMapper.create(config.build());
        } catch (IdentityMappingException e) {
            throw ApiErrors.invalidInput("identity_mappings", e.getMessage());
        }
    }

    /** The map step: identity -> local account on this gateway, or the GCS error saying why not. */
    public LocalAccount map(Gateway gateway, Identity identity) {
        try {
            return toLocal(gateway.mapper().map(identity));
        } catch (IdentityMappingException e) {
            throw mappingError(gateway, e);
        }
    }

    /**
     * The local account a stored username stands for (a guest collection's creator), admitted again by the
     * gateway as it is configured now: users_deny, users_allow, and for POSIX an existing non-root account.
     */
    public LocalAccount accountOf(Gateway gateway, String identityId, String username) {
        try {
            return toLocal(gateway.mapper().admitAgain(identityId, username));
        } catch (IdentityMappingException e) {
            throw mappingError(gateway, e);
        }
    }

    private static LocalAccount toLocal(MappedAccount mapped) {
        return mapped.posixAccount().map(p -> LocalAccount.posix(p.username(),
                new LocalAccount.PosixIds(p.uid(), p.gid(), p.groups(), p.home())))
            .orElseGet(() -> LocalAccount.named(mapped.username()));
    }

    private static ApiException mappingError(Gateway gateway, IdentityMappingException e) {
        return switch (e.reason()) {
            case NOT_FROM_ALLOWED_DOMAIN -> ApiErrors.notFromAllowedDomain(e.getMessage(), StreamSupport.stream(
                gateway.document().path("allowed_domains").spliterator(), false).map(JsonNode::asText).toList());
            case USER_DENIED, USER_NOT_ALLOWED -> ApiErrors.permissionDenied(e.getMessage());
            case MAPPING_PROGRAM_FAILED, ACCOUNT_LOOKUP_FAILED, EXPRESSION_TOO_COSTLY, INVALID_MAPPING_DOCUMENT,
                INVALID_CONFIGURATION -> {
                // The details may hold a mapping program's output or directory errors: for the log only.
                LOG.warn("identity mapping on storage gateway {} failed: {}", gateway.id(), e.getMessage());
                yield ApiErrors.invalidUser("identity mapping on this storage gateway failed; the endpoint"
                    + " administrator can find the reason in the node's log");
            }
            default -> ApiErrors.invalidUser(e.getMessage());
        };
    }

    @Override
    public void close() {
        live.keySet().forEach(this::evict);
    }
}
