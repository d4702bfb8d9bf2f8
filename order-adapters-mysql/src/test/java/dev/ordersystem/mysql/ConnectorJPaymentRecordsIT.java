package dev.ordersystem.mysql;

import dev.ordersystem.core.contract.AbstractPaymentRecordsTest;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** The PaymentRecords port contract on the test server through Connector/J, in a store of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectorJPaymentRecordsIT extends AbstractPaymentRecordsTest {
    private final ClassStore store = new ClassStore(() -> TestStore.onServer(TestDriver.CONNECTOR_J));

    @Override
    protected Storage storage() {
        return store.storage();
    }

    @AfterAll
    void closeStore() {
        store.close();
    }
}
