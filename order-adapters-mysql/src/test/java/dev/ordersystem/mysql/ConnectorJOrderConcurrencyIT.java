package dev.ordersystem.mysql;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.contract.AbstractOrderConcurrencyTest;
import dev.ordersystem.core.contract.MutableClock;
import dev.ordersystem.core.memory.InMemoryFastPath;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** The core's OrderConcurrency contract on the test server through Connector/J, in a store of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectorJOrderConcurrencyIT extends AbstractOrderConcurrencyTest {
    private final ClassStore store = new ClassStore(() -> TestStore.onServer(TestDriver.CONNECTOR_J));

    @Override
    protected Storage storage() {
        return store.storage();
    }

    /** The store keeps times in DATETIME(6): the test clock starts on a whole microsecond. */
    @BeforeEach
    void microsecondClock() {
        clock = new MutableClock(Fixtures.now());
        fastPath = InMemoryFastPath.create(clock);
        system = new OrderSystem(storage, fastPath, settings(), clock);
    }

    @AfterAll
    void closeStore() {
        store.close();
    }
}
