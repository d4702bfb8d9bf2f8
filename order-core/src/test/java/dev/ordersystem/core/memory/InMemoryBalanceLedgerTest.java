package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.AbstractBalanceLedgerTest;
import dev.ordersystem.core.port.Storage;

class InMemoryBalanceLedgerTest extends AbstractBalanceLedgerTest {
    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }
}
