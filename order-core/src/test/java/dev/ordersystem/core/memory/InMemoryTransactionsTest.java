package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.AbstractTransactionsTest;
import dev.ordersystem.core.port.Storage;

class InMemoryTransactionsTest extends AbstractTransactionsTest {
    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }
}
