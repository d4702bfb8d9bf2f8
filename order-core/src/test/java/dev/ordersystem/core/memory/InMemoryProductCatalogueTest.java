package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.AbstractProductCatalogueTest;
import dev.ordersystem.core.port.Storage;

class InMemoryProductCatalogueTest extends AbstractProductCatalogueTest {
    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }
}
