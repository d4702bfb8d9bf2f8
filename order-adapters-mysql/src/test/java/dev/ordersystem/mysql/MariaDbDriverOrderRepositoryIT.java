package dev.ordersystem.mysql;

import dev.ordersystem.core.contract.AbstractOrderRepositoryTest;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** The OrderRepository port contract on the test server through the MariaDB driver, in a store of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbDriverOrderRepositoryIT extends AbstractOrderRepositoryTest {
    private final ClassStore store = new ClassStore(() -> TestStore.onServer(TestDriver.MARIADB));

    @Override
    protected Storage storage() {
        return store.storage();
    }

    @AfterAll
    void closeStore() {
        store.close();
    }
}
