package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.AbstractStockLedgerTest;
import dev.ordersystem.core.port.Storage;

class InMemoryStockLedgerTest extends AbstractStockLedgerTest {
    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }
}
