package dev.ordersystem.harness;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database of its own for the app under test, on a MariaDB/MySQL server, seen over plain JDBC:
 * created before a run (the app's Flyway migrations fill it at start), read by the suite's
 * checks, dropped afterwards.
 */
public class AppDatabase {
    private final String server;
    private final String user;
    private final String password;
    private final String name;

    /** {@code server}: a JDBC URL naming no database, such as {@code jdbc:mariadb://127.0.0.1:3306/?sslMode=disable}. */
    public AppDatabase(String server, String user, String password, String name) {
        this.server = server;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    public final String name() {
        return name;
    }

    public final String user() {
        return user;
    }

    public final String password() {
        return password;
    }

    /** The JDBC URL of the database itself (the server's with the name put in). */
    public final String url() {
        return server.replaceFirst("/(\\?|$)", "/" + name + "$1");
    }

    /** The port of the server. */
    public final int port() {
        return port(server);
    }

    /** The TCP port a {@code jdbc:mariadb://host[:port]/…} URL names (3306 when it names none). */
    public static int port(String jdbcUrl) {
        int port = URI.create(jdbcUrl.replaceFirst("^jdbc:", "")).getPort();
        return port < 0 ? 3306 : port;
    }

    public final Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    /** A connection to the server with no database chosen. */
    public final Connection connectServer() throws SQLException {
        return DriverManager.getConnection(server, user, password);
    }

    public final void create() throws SQLException {
        server("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
    }

    public final void drop() throws SQLException {
        server("DROP DATABASE IF EXISTS `" + name + "`");
    }

    /** Drops it when it exists and creates it empty. */
    public final void recreate() throws SQLException {
        drop();
        create();
    }

    /** The number the query selects (first column of the first row). */
    public final long count(String sql) throws SQLException {
        try (Connection c = connect()) {
            return count(c, sql);
        }
    }

    public static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void server(String sql) throws SQLException {
        try (Connection c = connectServer(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
