package dev.ordersystem.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's own database ({@code order_fault_<random>}) seen directly over JDBC: created before
 * the run, read afterwards to hold it to the driver's ledger, dropped when the run passed.
 */
final class Database {
    private final String server;
    private final String user;
    private final String password;
    final String name;

    Database(String server, String user, String password, String name) {
        this.server = server;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /** The JDBC URL the app instances get. */
    String url() {
        return server.replaceFirst("/(\\?|$)", "/" + name + "$1");
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    void create() throws SQLException {
        try (Connection c = DriverManager.getConnection(server, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
        }
    }

    void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(server, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first column of the first row {@code sql} selects, or null when it selects none. */
    String text(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) q.setObject(i + 1, params[i]);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Orders still waiting for payment; after expiry + sweep there must be none. */
    long pending() throws SQLException {
        return count("SELECT COUNT(*) FROM orders WHERE status = 'PENDING_PAYMENT'");
    }

    Map<String, String> orderStatuses() throws SQLException {
        Map<String, String> statuses = new HashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT order_no, status FROM orders")) {
            while (rs.next()) statuses.put(rs.getString(1), rs.getString(2));
        }
        return statuses;
    }

    /** Holds every problem found between the ledger and the database. */
    List<String> holdTo(Ledger ledger) throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<String, String> statuses = orderStatuses();
        ledger.orders().forEach((orderNo, seen) -> {
            String now = statuses.get(orderNo);
            if (now == null) problems.add("order " + orderNo + " (seen " + seen + ") is missing");
            else if (!Ledger.mayFollow(seen, now)) problems.add("order " + orderNo + " was seen " + seen + " and is " + now);
        });
        try (Connection c = connect();
             PreparedStatement q = c.prepareStatement("SELECT order_no, status FROM payment_record WHERE channel = ? AND trade_no = ?")) {
            for (Ledger.Payment payment : ledger.payments()) {
                q.setString(1, payment.channel());
                q.setString(2, payment.tradeNo());
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        problems.add("acknowledged payment " + payment + " is not recorded");
                    } else if (!rs.getString(1).equals(payment.orderNo())) {
                        problems.add("payment " + payment + " is recorded for order " + rs.getString(1));
                    } else if (payment.outcome().equals("PAID") && !Ledger.mayFollow("PAID", statuses.getOrDefault(payment.orderNo(), "?"))) {
                        problems.add("payment " + payment + " was acknowledged as PAID, the order is " + statuses.get(payment.orderNo()));
                    }
                }
            }
        }
        return problems;
    }

    /**
     * A slow database: another session takes the row locks of {@code productIds}' stock and
     * holds them, so placements for those products wait (or time out and retry) meanwhile.
     */
    void holdStockLocks(List<Long> productIds, long millis) throws SQLException, InterruptedException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT available FROM stock WHERE product_id = ? FOR UPDATE")) {
                for (long id : productIds) {
                    lock.setLong(1, id);
                    lock.executeQuery().close();
                }
                Thread.sleep(millis);
            } finally {
                c.rollback();
            }
        }
    }

    /** Expires a user's access tokens now, as if its lifetime had run out. */
    void expireTokens(long userId) throws SQLException {
        try (Connection c = connect();
             PreparedStatement q = c.prepareStatement("UPDATE access_token SET expires_at = ? WHERE user_id = ?")) {
            q.setTimestamp(1, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC).minusMinutes(1)));
            q.setLong(2, userId);
            q.executeUpdate();
        }
    }
}
