package dev.ordersystem.core.usecase;

import dev.ordersystem.core.contract.AbstractOrderConcurrencyTest;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.Storage;

class InMemoryOrderConcurrencyTest extends AbstractOrderConcurrencyTest {
    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }
}
