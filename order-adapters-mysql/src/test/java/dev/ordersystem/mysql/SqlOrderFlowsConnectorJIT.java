package dev.ordersystem.mysql;

class SqlOrderFlowsConnectorJIT extends SqlOrderFlowsBehaviour {
    @Override
    TestStore openStore() {
        return TestStore.onServer(TestDriver.CONNECTOR_J);
    }
}
