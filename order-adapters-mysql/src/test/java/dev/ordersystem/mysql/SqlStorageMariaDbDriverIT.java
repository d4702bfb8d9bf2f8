package dev.ordersystem.mysql;

class SqlStorageMariaDbDriverIT extends SqlStorageBehaviour {
    @Override
    TestStore openStore() {
        return TestStore.onServer(TestDriver.MARIADB);
    }
}
