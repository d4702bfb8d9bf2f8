package dev.ordersystem.mysql;

class SqlConcurrencyH2Test extends SqlConcurrencyBehaviour {
    @Override
    TestStore openStore() {
        return TestStore.embedded();
    }
}
