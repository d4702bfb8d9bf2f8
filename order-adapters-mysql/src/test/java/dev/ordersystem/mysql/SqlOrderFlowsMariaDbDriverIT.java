package dev.ordersystem.mysql;

class SqlOrderFlowsMariaDbDriverIT extends SqlOrderFlowsBehaviour {
    @Override
    TestStore openStore() {
        return TestStore.onServer(TestDriver.MARIADB);
    }
}
