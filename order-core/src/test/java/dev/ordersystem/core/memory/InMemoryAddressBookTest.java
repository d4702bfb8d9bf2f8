package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.AbstractAddressBookTest;
import dev.ordersystem.core.port.Storage;

class InMemoryAddressBookTest extends AbstractAddressBookTest {
    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }
}
