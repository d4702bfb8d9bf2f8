package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.AbstractAuditSourceTest;
import dev.ordersystem.core.port.Storage;

class InMemoryAuditSourceTest extends AbstractAuditSourceTest {
    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }
}
