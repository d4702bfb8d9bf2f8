package dev.ordersystem.mysql;

import dev.ordersystem.core.contract.AbstractUserAccountsTest;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** The UserAccounts port contract on the test server through Connector/J, in a store of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectorJUserAccountsIT extends AbstractUserAccountsTest {
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
