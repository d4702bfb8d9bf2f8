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
        if (url.startsWith("jdbc:mysql:")) {
            config.addDataSourceProperty("cachePrepStmts", "true");
            config.addDataSourceProperty("prepStmtCacheSize", "250");
            config.addDataSourceProperty("prepStmtCacheSqlLimit", "2048");
            config.addDataSourceProperty("useServerPrepStmts", "true");
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
