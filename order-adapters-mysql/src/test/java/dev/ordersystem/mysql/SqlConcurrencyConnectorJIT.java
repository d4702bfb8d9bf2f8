package dev.ordersystem.mysql;

class SqlConcurrencyConnectorJIT extends SqlConcurrencyBehaviour {
    @Override
    TestStore openStore() {
        return TestStore.onServer(TestDriver.CONNECTOR_J);
    }
}
