package org.conduit.identity;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.conduit.identity.posix.AccountLookup;

/**
 * The identity-mapping settings of one storage gateway: the {@code storage_gateway} document fields
 * {@code connector_id}, {@code id}, {@code allowed_domains}, {@code identity_mappings}, {@code users_allow},
 * {@code users_deny}, plus what the connector decides: whether the default mapping keeps the full
 * {@code user@domain} (Box, Google Drive, S3) or strips the domain (POSIX, Ceph), and whether mapped
 * accounts are verified against the host's account database (POSIX yes, S3 no).
 */
public record GatewayMappingConfig(
        String connectorId,
        String storageGatewayId,
        List<String> allowedDomains,
        List<JsonNode> identityMappings,
        List<String> usersAllow,
        List<String> usersDeny,
        boolean keepFullUsername,
        Optional<AccountLookup> accountVerification,
        Duration externalProgramTimeout) {

    public GatewayMappingConfig {
        Objects.requireNonNull(connectorId, "connectorId");
        Objects.requireNonNull(storageGatewayId, "storageGatewayId");
        allowedDomains = List.copyOf(allowedDomains);
        identityMappings = List.copyOf(identityMappings);
        usersAllow = List.copyOf(usersAllow);
        usersDeny = List.copyOf(usersDeny);
        Objects.requireNonNull(accountVerification, "accountVerification");
        Objects.requireNonNull(externalProgramTimeout, "externalProgramTimeout");
    }

    public static Builder builder(String connectorId, String storageGatewayId) {
        return new Builder(connectorId, storageGatewayId);
    }

    /**
     * A builder filled from a {@code storage_gateway} document (as the GCS Manager API returns it with
     * {@code include=private_policies}); the connector-specific settings are left to the caller.
     */
    public static Builder fromStorageGateway(JsonNode storageGateway) {
        Builder builder = new Builder(requiredText(storageGateway, "connector_id"), requiredText(storageGateway, "id"));
        builder.allowedDomains(texts(storageGateway.path("allowed_domains")));
        List<JsonNode> mappings = new ArrayList<>();
        storageGateway.path("identity_mappings").forEach(mappings::add);
        builder.identityMappings(mappings);
        builder.usersAllow(texts(storageGateway.path("users_allow")));
        builder.usersDeny(texts(storageGateway.path("users_deny")));
        return builder;
    }

    private static String requiredText(JsonNode document, String field) {
        String value = document.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("storage_gateway document has no " + field);
        }
        return value;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** Builds a {@link GatewayMappingConfig}; lists default to empty, verification to off, timeout to 5 s. */
    public static final class Builder {
        private final String connectorId;
        private final String storageGatewayId;
        private List<String> allowedDomains = List.of();
        private List<JsonNode> identityMappings = List.of();
        private List<String> usersAllow = List.of();
        private List<String> usersDeny = List.of();
        private boolean keepFullUsername;
        private AccountLookup accountVerification;
        private Duration externalProgramTimeout = MappingContext.DEFAULT_PROGRAM_TIMEOUT;

        private Builder(String connectorId, String storageGatewayId) {
            this.connectorId = connectorId;
            this.storageGatewayId = storageGatewayId;
        }

        public Builder allowedDomains(List<String> domains) {
            this.allowedDomains = domains;
            return this;
        }

        public Builder identityMappings(List<JsonNode> documents) {
            this.identityMappings = documents;
            return this;
        }

        public Builder usersAllow(List<String> usernames) {
            this.usersAllow = usernames;
            return this;
        }

        public Builder usersDeny(List<String> usernames) {
            this.usersDeny = usernames;
            return this;
        }

        public Builder keepFullUsername(boolean keep) {
            this.keepFullUsername = keep;
            return this;
        }

        /** Verify every mapped account with this lookup: it must exist and must not be root. */
        public Builder verifyAccountsWith(AccountLookup lookup) {
            this.accountVerification = Objects.requireNonNull(lookup);
            return this;
        }

        public Builder externalProgramTimeout(Duration timeout) {
            this.externalProgramTimeout = timeout;
            return this;
        }

        public GatewayMappingConfig build() {
            return new GatewayMappingConfig(connectorId, storageGatewayId, allowedDomains, identityMappings,
                    usersAllow, usersDeny, keepFullUsername, Optional.ofNullable(accountVerification),
                    externalProgramTimeout);
        }
    }
}
