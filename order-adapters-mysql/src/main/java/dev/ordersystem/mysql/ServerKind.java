package dev.ordersystem.mysql;

import org.jooq.SQLDialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The kind of server behind a connection, and the jOOQ dialect that talks to it. Picked from the
 * server itself, never from the URL: Connector/J reaches MariaDB too, and the MYSQL dialect
 * renders upserts ({@code INSERT … AS excluded}) that MariaDB rejects.
 */
public enum ServerKind {
    MYSQL(SQLDialect.MYSQL),
    MARIADB(SQLDialect.MARIADB),
    H2(SQLDialect.H2);

    private final SQLDialect dialect;

    ServerKind(SQLDialect dialect) {
        this.dialect = dialect;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    /** Whether the server is a node of a Galera cluster ({@code wsrep_on}): its conflicts need other retries. */
    boolean galeraNode(Connection connection) throws SQLException {
        if (this != MARIADB) return false; // MySQL's group replication is not supported here; H2 is one process
        try (Statement statement = connection.createStatement();
             ResultSet wsrep = statement.executeQuery("SELECT @@wsrep_on")) {
            return wsrep.next() && wsrep.getInt(1) == 1;
        }
    }

    /**
     * Whether a Galera node makes reads wait for what other nodes committed before them
     * ({@code wsrep_sync_wait} with its read bit): without it, a row written through one node may
     * be missing moments later on another.
     */
    static boolean causalReads(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet syncWait = statement.executeQuery("SELECT @@wsrep_sync_wait")) {
            return syncWait.next() && (syncWait.getInt(1) & 1) == 1;
        }
    }

    /** Asks the server what it is: {@code VERSION()} says "…-MariaDB" on MariaDB, whichever driver is used. */
    static ServerKind of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        if (product != null && product.toUpperCase(Locale.ROOT).contains("H2")) return H2;
        try (Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("SELECT VERSION()")) {
            version.next();
            return version.getString(1).toLowerCase(Locale.ROOT).contains("mariadb") ? MARIADB : MYSQL;
        }
    }
}
