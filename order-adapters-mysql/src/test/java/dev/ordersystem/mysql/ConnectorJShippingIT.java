package dev.ordersystem.mysql;

import dev.ordersystem.core.contract.AbstractShippingTest;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** The core's Shipping contract on the test server through Connector/J, in a store of its own; the second instance has its own pool. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectorJShippingIT extends AbstractShippingTest {
    private final ClassStore store = new ClassStore(() -> TestStore.onServer(TestDriver.CONNECTOR_J));

    @Override
    protected Storage storage() {
        return store.storage();
    }

    @Override
    protected Storage secondInstance() {
        return store.secondInstance();
    }

    @AfterAll
    void closeStore() {
        store.close();
    }
}
