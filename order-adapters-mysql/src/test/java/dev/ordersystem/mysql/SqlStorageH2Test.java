package dev.ordersystem.mysql;

class SqlStorageH2Test extends SqlStorageBehaviour {
    @Override
    TestStore openStore() {
        return TestStore.embedded();
    }
}
