package dev.ordersystem.mysql;

/** The SQL store's contracts on embedded H2 (a unit test: no server needed). */
class H2StoreContractsTest extends SqlStoreContracts {
    @Override
    TestStore openStore() {
        return TestStore.embedded();
    }
}
