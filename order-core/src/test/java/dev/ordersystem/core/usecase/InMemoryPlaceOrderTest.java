package dev.ordersystem.core.usecase;

import dev.ordersystem.core.contract.AbstractPlaceOrderTest;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.Storage;

class InMemoryPlaceOrderTest extends AbstractPlaceOrderTest {
    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }
}
