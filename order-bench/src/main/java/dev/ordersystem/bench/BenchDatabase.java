package dev.ordersystem.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ordersystem.harness.AppDatabase;
import dev.ordersystem.harness.Sha256;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * The bench database: recreated empty before a scenario (the app's Flyway migrations build the
 * schema at start), then filled in bulk with rows shaped exactly as the adapters write them —
 * a product + its stock row + its "initial stock" movement; a user + zero balance + address +
 * a bearer token whose SHA-256 digest is stored — so the §7 audit holds from the first row.
 */
final class BenchDatabase implements AutoCloseable {
    static final AppDatabase SCHEMA = new AppDatabase("jdbc:mariadb://127.0.0.1:3306/?sslMode=disable", "root", "", "order_bench");

    final HikariDataSource pool;

    private BenchDatabase(AppDatabase schema, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(schema.url());
        config.setUsername(schema.user());
        config.setPassword(schema.password());
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(30_000);
        config.setMinimumIdle(poolSize);
        // As the app's pool: READ COMMITTED, so the ceiling takes the same locks as placement.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        this.pool = new HikariDataSource(config);
    }

    /** A pool on the (migrated) bench database; {@code poolSize} as the app's: cores × 2 + 1. */
    static BenchDatabase open(int poolSize) {
        return new BenchDatabase(SCHEMA, poolSize);
    }

    /** A pool on another bench database (the cluster's, {@link ClusterBench}). */
    static BenchDatabase open(AppDatabase schema, int poolSize) {
        return new BenchDatabase(schema, poolSize);
    }

    static int appPoolSize() {
        return Runtime.getRuntime().availableProcessors() * 2 + 1;
    }

    /** Products 1..n at {@code price} with {@code stock} each; returns the first id. */
    long addProducts(int n, long price, long stock) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            long first;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM product")) {
                r.next();
                first = r.getLong(1);
            }
            Timestamp now = now();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO product (id, name, description, price, on_sale, created_at) VALUES (?, ?, ?, ?, TRUE, ?)");
                 PreparedStatement st = c.prepareStatement("INSERT INTO stock (product_id, available) VALUES (?, ?)");
                 PreparedStatement mv = c.prepareStatement("INSERT INTO stock_movement (product_id, delta, reason, created_at) VALUES (?, ?, 'initial stock', ?)")) {
                for (long id = first; id < first + n; id++) {
                    p.setLong(1, id); p.setString(2, "Bench product " + id); p.setString(3, "A product of the benchmark catalogue");
                    p.setLong(4, price); p.setTimestamp(5, now); p.addBatch();
                    st.setLong(1, id); st.setLong(2, stock); st.addBatch();
                    mv.setLong(1, id); mv.setLong(2, stock); mv.setTimestamp(3, now); mv.addBatch();
                }
                p.executeBatch(); st.executeBatch(); mv.executeBatch();
            }
            c.commit();
            return first;
        }
    }

    /**
     * {@code n} buyers sharing one password hash (made once by the app's registration, so the
     * slow PBKDF2 runs once), each with a zero balance, one address and one bearer token.
     */
    Buyers addBuyers(int n, String passwordHash) throws SQLException {
        long[] userIds = new long[n];
        long[] addressIds = new long[n];
        String[] tokens = new String[n];
        SecureRandom random = new SecureRandom();
        Timestamp now = now();
        Timestamp expires = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC).plusDays(1));
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            long firstUser;
            long firstAddress;
            try (Statement s = c.createStatement()) {
                ResultSet r = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM user_account");
                r.next();
                firstUser = r.getLong(1);
                r = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM address");
                r.next();
                firstAddress = r.getLong(1);
            }
            try (PreparedStatement u = c.prepareStatement("INSERT INTO user_account (id, username, username_key, password_hash, created_at) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement b = c.prepareStatement("INSERT INTO balance (user_id, balance) VALUES (?, 0)");
                 PreparedStatement a = c.prepareStatement("INSERT INTO address (id, user_id, recipient, phone, region, detail, is_default, created_at) VALUES (?, ?, 'Bench Buyer', '13800000000', 'Shanghai', 'Bench Road 1', TRUE, ?)");
                 PreparedStatement t = c.prepareStatement("INSERT INTO access_token (token_digest, user_id, expires_at, revoked) VALUES (?, ?, ?, FALSE)")) {
                for (int i = 0; i < n; i++) {
                    long id = firstUser + i;
                    userIds[i] = id;
                    addressIds[i] = firstAddress + i;
                    String name = "buyer" + id;
                    u.setLong(1, id); u.setString(2, name); u.setString(3, name); u.setString(4, passwordHash); u.setTimestamp(5, now); u.addBatch();
                    b.setLong(1, id); b.addBatch();
                    a.setLong(1, addressIds[i]); a.setLong(2, id); a.setTimestamp(3, now); a.addBatch();
                    byte[] bytes = new byte[32];
                    random.nextBytes(bytes);
                    tokens[i] = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                    t.setString(1, Sha256.hex(tokens[i])); t.setLong(2, id); t.setTimestamp(3, expires); t.addBatch();
                }
                u.executeBatch(); b.executeBatch(); a.executeBatch(); t.executeBatch();
            }
            c.commit();
        }
        return new Buyers(userIds, addressIds, tokens);
    }

    String anyPasswordHash() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT password_hash FROM user_account ORDER BY id LIMIT 1")) {
            if (!r.next()) throw new IllegalStateException("no registered user to copy a password hash from");
            return r.getString(1);
        }
    }

    /** Through the pool's open connections: a new connection's own set-up statements would show in the server's counters. */
    long count(String sql) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return AppDatabase.count(c, sql);
        }
    }

    /** A global server counter (SHOW GLOBAL STATUS); the server is shared, so deltas are upper bounds. */
    long serverCounter(String name) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
            r.next();
            return r.getLong(2);
        }
    }

    static Timestamp now() {
        return Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Seeded buyers: index i has user id, address id and bearer token at i. */
    record Buyers(long[] userIds, long[] addressIds, String[] tokens) {
        int size() {
            return userIds.length;
        }
    }
}
