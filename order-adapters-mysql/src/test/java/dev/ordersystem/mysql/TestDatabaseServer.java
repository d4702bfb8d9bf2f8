package dev.ordersystem.mysql;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MySQL/MariaDB server the integration tests run against: {@code ORDER_TEST_JDBC_URL} (with
 * {@code ORDER_TEST_JDBC_USER} and {@code ORDER_TEST_JDBC_PASSWORD}) when set; otherwise a
 * Testcontainers {@code mysql:8.0} when a Docker engine is available; otherwise the tests fail,
 * saying how to provide one. Each test class works in a schema of its own, created here with a
 * random name and dropped afterwards, so runs can repeat and overlap.
 */
final class TestDatabaseServer {
    /** One server or several (a Galera cluster: {@code jdbc:mariadb:sequential://h1:p1,h2:p2,h3:p3/}). */
    private static final Pattern SERVER_URL = Pattern.compile("jdbc:(mariadb|mysql)(?::(sequential|loadbalance))?://([^/?]+)/?([^?]*)(\\?.*)?");
    private static volatile TestDatabaseServer shared;

    private final String hostPort;
    /** The driver's multi-host mode ({@code sequential}, {@code loadbalance}), or empty for one server. */
    private final String mode;
    private final String user;
    private final String password;
    private final boolean tlsOff;

    private TestDatabaseServer(String hostPort, String mode, String user, String password, boolean tlsOff) {
        this.hostPort = hostPort;
        this.mode = mode;
        this.user = user;
        this.password = password;
        this.tlsOff = tlsOff;
    }

    static synchronized TestDatabaseServer get() {
        if (shared == null) shared = resolve();
        return shared;
    }

    private static TestDatabaseServer resolve() {
        String url = System.getenv("ORDER_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            Matcher m = SERVER_URL.matcher(url.trim());
            if (!m.matches()) {
                throw new IllegalStateException("ORDER_TEST_JDBC_URL must look like jdbc:mariadb://host:port/?sslMode=disable, "
                        + "jdbc:mariadb:sequential://host1:port1,host2:port2/?sslMode=disable or jdbc:mysql://host:port/, got " + url);
            }
            String query = m.group(5) == null ? "" : m.group(5).toLowerCase();
            return new TestDatabaseServer(m.group(3), m.group(2) == null ? "" : m.group(2), env("ORDER_TEST_JDBC_USER", "root"), env("ORDER_TEST_JDBC_PASSWORD", ""),
                    query.contains("sslmode=disable"));
        }
        if (dockerAvailable()) {
            MySQLContainer mysql = new MySQLContainer("mysql:8.0");
            mysql.start(); // stopped by Testcontainers' reaper when the JVM ends
            return new TestDatabaseServer(mysql.getHost() + ":" + mysql.getMappedPort(3306), "", "root", mysql.getPassword(), true);
        }
        throw new IllegalStateException("""
                These integration tests need a MySQL 8.0+ or MariaDB 10.6+ server, and none was found.
                Either set ORDER_TEST_JDBC_URL (+ ORDER_TEST_JDBC_USER, ORDER_TEST_JDBC_PASSWORD) to a server URL
                without a database, for a user that may CREATE and DROP databases, e.g.
                  ORDER_TEST_JDBC_URL='jdbc:mariadb://127.0.0.1:3306/?sslMode=disable' ORDER_TEST_JDBC_USER=root ORDER_TEST_JDBC_PASSWORD=
                or start a Docker engine, and the tests run mysql:8.0 in a container (Testcontainers).""");
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** A URL of {@code schema} on this server through {@code driver}. */
    String url(TestDriver driver, String schema) {
        return switch (driver) {
            case MARIADB -> "jdbc:mariadb:" + (mode.isEmpty() ? "" : mode + ":") + "//" + hostPort + "/" + schema
                    + (tlsOff ? "?sslMode=disable&allowPublicKeyRetrieval=true" : "");
            // Connector/J fails over among several hosts by itself; its load balancing has a mode of that name.
            case CONNECTOR_J -> "jdbc:mysql:" + (mode.equals("loadbalance") ? "loadbalance:" : "") + "//" + hostPort + "/" + schema
                    + (tlsOff ? "?sslMode=DISABLED&allowPublicKeyRetrieval=true" : "");
        };
    }

    /**
     * A URL of {@code schema} on each server of the URL (each node of a cluster), through the
     * MariaDB driver; one URL for one server.
     */
    List<String> urlPerServer(String schema) {
        return Arrays.stream(hostPort.split(",")).map(host -> "jdbc:mariadb://" + host.strip() + "/" + schema
                + (tlsOff ? "?sslMode=disable&allowPublicKeyRetrieval=true" : "")).toList();
    }

    /**
     * Waits until {@code schema} can be opened on every server of the URL: a Galera node applies
     * another node's CREATE DATABASE moments after that node answered it.
     */
    void awaitOnEveryServer(String schema) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (String url : urlPerServer(schema)) {
            while (true) {
                try (Connection connection = DriverManager.getConnection(url, user, password)) {
                    break;
                } catch (SQLException notYet) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException("schema " + schema + " not on " + url + " after 30 s", notYet);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for schema " + schema, e);
                    }
                }
            }
        }
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** Creates an empty schema with a random name and returns the name. */
    String createSchema() {
        String schema = "order_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4");
        return schema;
    }

    void dropSchema(String schema) {
        execute("DROP DATABASE IF EXISTS " + schema);
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url(TestDriver.MARIADB, ""), user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on the test server " + hostPort + ": " + e.getMessage(), e);
        }
    }
}
