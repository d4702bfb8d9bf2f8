package dev.ordersystem.mysql;

import dev.ordersystem.core.contract.AbstractPlaceOrderTest;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** The core's PlaceOrder contract on the embedded H2 database, in a store of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2PlaceOrderTest extends AbstractPlaceOrderTest {
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
