package dev.ordersystem.mysql;

import dev.ordersystem.core.contract.AbstractStockGateFlowTest;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** The stock-gate flows (in-process gate) over the embedded H2 store: groups, re-counts and stranded holds against SQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2StockGateFlowTest extends AbstractStockGateFlowTest {
    private final ClassStore store = new ClassStore(() -> TestStore.embedded());

    @Override
    protected Storage storage() {
        return store.storage();
    }

    @AfterAll
    void closeStore() {
        store.close();
    }
}
