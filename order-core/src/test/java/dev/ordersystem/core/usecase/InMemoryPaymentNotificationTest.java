package dev.ordersystem.core.usecase;

import dev.ordersystem.core.contract.AbstractPaymentNotificationTest;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.Storage;

class InMemoryPaymentNotificationTest extends AbstractPaymentNotificationTest {
    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }
}
