package dev.ordersystem.mysql;

class SqlConcurrencyMariaDbDriverIT extends SqlConcurrencyBehaviour {
    @Override
    TestStore openStore() {
        return TestStore.onServer(TestDriver.MARIADB);
    }
}
