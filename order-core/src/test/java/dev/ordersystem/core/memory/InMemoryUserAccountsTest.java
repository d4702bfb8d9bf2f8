package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.AbstractUserAccountsTest;
import dev.ordersystem.core.port.Storage;

class InMemoryUserAccountsTest extends AbstractUserAccountsTest {
    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }
}
