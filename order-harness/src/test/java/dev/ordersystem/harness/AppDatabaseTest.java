package dev.ordersystem.harness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which database and port the suites' JDBC URLs name. */
class AppDatabaseTest {
    @Test
    void theDatabaseNameGoesIntoTheServersUrl() {
        assertThat(new AppDatabase("jdbc:mariadb://127.0.0.1:3307/?sslMode=disable", "root", "", "order_x").url())
                .isEqualTo("jdbc:mariadb://127.0.0.1:3307/order_x?sslMode=disable");
        assertThat(new AppDatabase("jdbc:mariadb://127.0.0.1/", "root", "", "order_y").url()).isEqualTo("jdbc:mariadb://127.0.0.1/order_y");
    }

    @Test
    void thePortIsTheUrlsOr3306() {
        assertThat(AppDatabase.port("jdbc:mariadb://127.0.0.1:3307/?sslMode=disable")).isEqualTo(3307);
        assertThat(AppDatabase.port("jdbc:mariadb://127.0.0.1/")).isEqualTo(3306);
    }
}
