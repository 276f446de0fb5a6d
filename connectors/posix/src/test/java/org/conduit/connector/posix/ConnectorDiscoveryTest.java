package org.conduit.connector.posix;

import static org.assertj.core.api.Assertions.assertThat;

import org.conduit.storage.spi.Connectors;
import org.junit.jupiter.api.Test;

class ConnectorDiscoveryTest {
    @Test
    void posixConnectorIsFoundByIdAndByGcsConnectorUuid() {
        Connectors connectors = Connectors.discover(getClass().getClassLoader());
        assertThat(connectors.find("posix")).get().isInstanceOf(PosixConnectorProvider.class);
        assertThat(connectors.find("145812c8-decc-41f1-83cf-bb2a85a2a70b")).get()
            .isInstanceOf(PosixConnectorProvider.class);
        assertThat(connectors.find("s3-not-here")).isEmpty();
    }
}
