package dev.ordersystem.mysql;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SQL store's contracts on the test server (MariaDB or MySQL), once through each JDBC driver:
 * each driver has its own dialect traps.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDriver.class)
class ServerStoreContractsIT extends SqlStoreContracts {
    @Parameter
    TestDriver driver;

    @Override
    TestStore openStore() {
        return TestStore.onServer(driver);
    }
}
