package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.AbstractOrderRepositoryTest;
import dev.ordersystem.core.port.Storage;

class InMemoryOrderRepositoryTest extends AbstractOrderRepositoryTest {
    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }
}
