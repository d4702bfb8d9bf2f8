package dev.ordersystem.mysql;

import dev.ordersystem.core.contract.AbstractShippingTest;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** The core's Shipping contract on the embedded H2 database, in a store of its own; a second instance shares its pool (one process per H2 file). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2ShippingTest extends AbstractShippingTest {
    private final ClassStore store = new ClassStore(() -> TestStore.embedded());

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
