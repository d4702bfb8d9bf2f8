package dev.ordersystem.mysql;

class SqlStorageConnectorJIT extends SqlStorageBehaviour {
    @Override
    TestStore openStore() {
        return TestStore.onServer(TestDriver.CONNECTOR_J);
    }
}
