package dev.ordersystem.mysql;

class SqlOrderFlowsH2Test extends SqlOrderFlowsBehaviour {
    @Override
    TestStore openStore() {
        return TestStore.embedded();
    }
}
