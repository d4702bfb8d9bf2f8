package dev.ordersystem.core.usecase;

import dev.ordersystem.core.contract.AbstractShippingTest;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.Storage;

class InMemoryShippingTest extends AbstractShippingTest {
    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }
}
