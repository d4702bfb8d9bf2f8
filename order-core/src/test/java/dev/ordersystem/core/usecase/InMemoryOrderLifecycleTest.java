package dev.ordersystem.core.usecase;

import dev.ordersystem.core.contract.AbstractOrderLifecycleTest;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.Storage;

class InMemoryOrderLifecycleTest extends AbstractOrderLifecycleTest {
    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }
}
