package dev.ordersystem.mysql;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The dialect follows the server, whichever driver reaches it. */
class ServerKindIT {

    @Test
    void both_drivers_see_the_same_server_kind() {
        TestDatabaseServer server = TestDatabaseServer.get();
        ServerKind expected = serverReportsMariaDb(server) ? ServerKind.MARIADB : ServerKind.MYSQL;
        for (TestDriver driver : TestDriver.values()) {
            try (TestStore store = TestStore.onServer(driver)) {
                assertThat(store.database().server()).as("through " + driver).isEqualTo(expected);
                assertThat(store.database().server().dialect()).isEqualTo(expected.dialect());
            }
        }
    }

    private static boolean serverReportsMariaDb(TestDatabaseServer server) {
        try (Connection c = DriverManager.getConnection(server.url(TestDriver.MARIADB, ""), server.user(), server.password());
             Statement s = c.createStatement();
             ResultSet version = s.executeQuery("SELECT VERSION()")) {
            version.next();
            return version.getString(1).toLowerCase().contains("mariadb");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
