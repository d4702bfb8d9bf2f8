package dev.ordersystem.core.usecase;

import dev.ordersystem.core.contract.AbstractCatalogueTest;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.Storage;

class InMemoryCatalogueTest extends AbstractCatalogueTest {
    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }
}
