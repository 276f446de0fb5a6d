package org.conduit.storage.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorConfigTest {
    private final ConnectorProvider provider = new ConnectorProvider() {
        @Override public String id() { return "demo"; }
        @Override public String gcsConnectorId() { return "00000000-0000-0000-0000-000000000000"; }
        @Override public String displayName() { return "Demo"; }
        @Override public List<ConnectorOption> options() {
            return List.of(ConnectorOption.required("endpoint", "server URL"),
                ConnectorOption.optional("region", "region", "us-east-1"),
                ConnectorOption.secret("secret_key", "the key"));
        }
        @Override public StorageConnector create(ConnectorConfig config) { throw new UnsupportedOperationException(); }
    };

    @Test
    void defaultsFillUnsetOptions() {
        ConnectorConfig config = ConnectorConfig.validate(provider, Map.of("endpoint", "http://x"));
        assertThat(config.get("region")).contains("us-east-1");
        assertThat(config.get("secret_key")).isEmpty();
    }

    @Test
    void unknownAndMissingOptionsAreReportedTogether() {
        assertThatThrownBy(() -> ConnectorConfig.validate(provider, Map.of("bucket", "b")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("unknown option 'bucket'")
            .hasMessageContaining("option 'endpoint' is required");
    }

    @Test
    void secretsAreRedactedWhenPrinted() {
        ConnectorConfig config = ConnectorConfig.validate(provider, Map.of("endpoint", "e", "secret_key", "hunter2"));
        assertThat(config.toString()).doesNotContain("hunter2").contains("secret_key=***");
    }
}
