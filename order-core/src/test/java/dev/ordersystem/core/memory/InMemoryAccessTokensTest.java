package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.AbstractAccessTokensTest;
import dev.ordersystem.core.port.Storage;

class InMemoryAccessTokensTest extends AbstractAccessTokensTest {
    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }
}
