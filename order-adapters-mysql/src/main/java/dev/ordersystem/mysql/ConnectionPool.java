package dev.ordersystem.mysql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Builds the HikariCP pool for a JDBC URL, with the driver the URL names. */
final class ConnectionPool {

    private ConnectionPool() {
    }

    static HikariDataSource open(String url, String user, String password, SqlOptions options) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("order-db");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password == null ? "" : password);
        config.setDriverClassName(driverFor(url));
        config.setMaximumPoolSize(options.poolSize());
        config.setMinimumIdle(options.poolSize()); // a fixed-size pool, as HikariCP recommends
        config.setConnectionTimeout(options.connectionTimeout().toMillis());
        // READ COMMITTED: locking reads and conditional updates see the latest committed rows,
        // and InnoDB takes no gap locks, which keeps concurrent placements from deadlocking.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        // Connections stay out of auto-commit: a transaction is its statements and COMMIT, with no
        // "set autocommit=0/1" round trips around it (jOOQ toggles only a connection in auto-commit).
        // Every write goes through JooqTransactions (SqlSession.write); a read outside a transaction
        // is ended by the pool's ROLLBACK when its connection goes back, which reads that miss the
        // Redis caches (token lookups, order pages) pay and placements do not.
        config.setAutoCommit(false);
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            // A transaction's held writes go as one multi-statement (HeldWrites): one round trip.
            // Every statement is rendered by jOOQ with bind markers; no text is ever pasted into SQL.
            config.addDataSourceProperty("allowMultiQueries", "true");
        }
        if (url.startsWith("jdbc:mariadb:")) {
            // Server-side prepared statements, kept per connection: the driver no longer parses
            // each statement's text for ? marks and the server no longer parses the SQL; both
            // sides spent measurably less CPU per placement.
            config.addDataSourceProperty("useServerPrepStmts", "true");
            config.addDataSourceProperty("cachePrepStmts", "true");
            config.addDataSourceProperty("prepStmtCacheSize", "250");
            // A batch must answer each statement's row count (the driver's default; its bulk
            // protocol would answer "no info").
            config.addDataSourceProperty("useBulkStmts", "false");
        }
        if (url.startsWith("jdbc:mysql:")) {
            config.addDataSourceProperty("cachePrepStmts", "true");
            config.addDataSourceProperty("prepStmtCacheSize", "250");
            config.addDataSourceProperty("prepStmtCacheSqlLimit", "2048");
            config.addDataSourceProperty("useServerPrepStmts", "true");
            // Session state (auto-commit, isolation) as the driver last set it, instead of asking
            // the server: without it every transaction began with SELECT @@session.tx_isolation.
            config.addDataSourceProperty("useLocalSessionState", "true");
            config.addDataSourceProperty("elideSetAutoCommits", "true");
            config.addDataSourceProperty("cacheServerConfiguration", "true");
            config.addDataSourceProperty("cacheResultSetMetadata", "true");
            config.addDataSourceProperty("maintainTimeStats", "false");
        }
        return new HikariDataSource(config);
    }

    static String driverFor(String url) {
        if (url.startsWith("jdbc:mariadb:")) return "org.mariadb.jdbc.Driver";
        if (url.startsWith("jdbc:mysql:")) return "com.mysql.cj.jdbc.Driver";
        if (url.startsWith("jdbc:h2:")) return "org.h2.Driver";
        throw new IllegalArgumentException("unsupported JDBC URL (use jdbc:mariadb:, jdbc:mysql: or jdbc:h2:): "
                + url.replaceAll("password=[^&;]*", "password=***"));
    }
}
