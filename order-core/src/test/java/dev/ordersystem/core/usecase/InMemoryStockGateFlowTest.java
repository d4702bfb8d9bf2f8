package dev.ordersystem.core.usecase;

import dev.ordersystem.core.contract.AbstractStockGateFlowTest;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.Storage;

class InMemoryStockGateFlowTest extends AbstractStockGateFlowTest {
    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }
}
