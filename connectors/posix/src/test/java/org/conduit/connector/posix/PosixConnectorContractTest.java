package org.conduit.connector.posix;

import org.conduit.storage.tck.ConnectorContractTest;
import org.conduit.storage.tck.ConnectorFixture;

/** The whole connector kit on local disk. */
class PosixConnectorContractTest extends ConnectorContractTest {
    @Override
    protected ConnectorFixture createFixture() {
        return new PosixFixture();
    }
}
