package dev.ordersystem.core.usecase;

import dev.ordersystem.core.contract.AbstractUserTest;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.Storage;

class InMemoryUserTest extends AbstractUserTest {
    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }
}
