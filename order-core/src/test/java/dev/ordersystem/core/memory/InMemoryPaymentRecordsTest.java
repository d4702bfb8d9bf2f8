package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.AbstractPaymentRecordsTest;
import dev.ordersystem.core.port.Storage;

class InMemoryPaymentRecordsTest extends AbstractPaymentRecordsTest {
    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }
}
