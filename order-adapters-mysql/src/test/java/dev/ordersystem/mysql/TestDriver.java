package dev.ordersystem.mysql;

/** The JDBC drivers the integration tests reach the server with; each hits its own dialect trap if the dialect is wrong. */
enum TestDriver {
    MARIADB, CONNECTOR_J
}
