package dev.ordersystem.faults;

import dev.ordersystem.harness.AppDatabase;

import java.sql.Connection;
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
final class Database extends AppDatabase {
    Database(String server, String user, String password, String name) {
        super(server, user, password, name);
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
        problems.addAll(holdBalanceChangesTo(ledger));
        return problems;
    }

    /**
     * Every balance change acknowledged to a client has its journal row, for the same user and
     * amount (the §7 audit checks each balance equals its journal's sum).
     */
    private List<String> holdBalanceChangesTo(Ledger ledger) throws SQLException {
        record Row(long userId, long delta) {
        }
        Map<String, Row> journal = new HashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT user_id, delta, reason, reference FROM balance_journal WHERE reason IN ('TOP_UP', 'ORDER_PAYMENT')")) {
            while (rs.next()) {
                String reason = rs.getString(3);
                String reference = rs.getString(4);
                // A top-up's reference is topup:<uuid>:<the admin's reason>; the ledger knows the reason.
                if (reason.equals("TOP_UP")) reference = reference.substring(reference.indexOf(':', "topup:".length()) + 1);
                journal.put(reason + " " + reference, new Row(rs.getLong(1), rs.getLong(2)));
            }
        }
        List<String> problems = new ArrayList<>();
        for (Ledger.BalanceChange change : ledger.balanceChanges()) {
            Row row = journal.get(change.reason() + " " + change.reference());
            if (row == null) problems.add("acknowledged balance change " + change + " is not in the journal");
            else if (row.userId() != change.userId() || row.delta() != change.delta()) {
                problems.add("acknowledged balance change " + change + " is journalled as " + row);
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

    /** An order row locked by a transaction of this driver until {@link #close()} rolls it back. */
    static final class OrderLock implements AutoCloseable {
        private final Connection connection;
        private final long connectionId;

        private OrderLock(Connection connection, long connectionId) {
            this.connection = connection;
            this.connectionId = connectionId;
        }

        @Override
        public void close() throws SQLException {
            try (connection) {
                connection.rollback();
            }
        }
    }

    /**
     * Locks the row of {@code orderNo} while it is still {@code PENDING_PAYMENT}, as a slow
     * transaction would; null when it is not pending or another transaction holds it (waits 1 s).
     * READ COMMITTED and the primary key: the one row, no gap locks that would hold up new orders.
     */
    OrderLock lockPendingOrder(String orderNo) throws SQLException {
        Connection c = connect();
        try {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION innodb_lock_wait_timeout = 1");
            }
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement(
                    "SELECT order_no FROM orders WHERE order_no = ? AND status = 'PENDING_PAYMENT' FOR UPDATE")) {
                lock.setString(1, orderNo);
                try (ResultSet rs = lock.executeQuery()) {
                    if (rs.next()) {
                        try (Statement s = c.createStatement(); ResultSet id = s.executeQuery("SELECT CONNECTION_ID()")) {
                            id.next();
                            return new OrderLock(c, id.getLong(1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            if (!"40001".equals(e.getSQLState()) && e.getErrorCode() != 1205) {
                c.close();
                throw e;
            }
        }
        c.rollback();
        c.close();
        return null;
    }

    /**
     * The client ports of the database connections waiting for a row {@code lock} holds (MariaDB's
     * lock-wait tables; the process list gives each connection as {@code host:port}).
     */
    List<Integer> waitersOn(OrderLock lock) throws SQLException {
        List<Integer> ports = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement("""
                SELECT p.HOST FROM information_schema.INNODB_LOCK_WAITS w
                JOIN information_schema.INNODB_TRX waiting ON waiting.trx_id = w.requesting_trx_id
                JOIN information_schema.INNODB_TRX holding ON holding.trx_id = w.blocking_trx_id
                JOIN information_schema.PROCESSLIST p ON p.ID = waiting.trx_mysql_thread_id
                WHERE holding.trx_mysql_thread_id = ?""")) {
            q.setLong(1, lock.connectionId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String host = rs.getString(1);
                    int colon = host == null ? -1 : host.lastIndexOf(':');
                    if (colon > 0) ports.add(Integer.parseInt(host.substring(colon + 1)));
                }
            }
        }
        return ports;
    }

    /**
     * The server's open InnoDB transactions, one line each (connection, client address, state,
     * since when, what it waits for, its statement): printed when a check finds an order stuck.
     */
    List<String> openTransactions() throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT t.trx_mysql_thread_id, p.HOST, t.trx_state, t.trx_started, t.trx_wait_started, t.trx_rows_locked,
                       (SELECT GROUP_CONCAT(w.blocking_trx_id) FROM information_schema.INNODB_LOCK_WAITS w WHERE w.requesting_trx_id = t.trx_id),
                       t.trx_id, LEFT(COALESCE(t.trx_query, p.INFO, ''), 160)
                FROM information_schema.INNODB_TRX t LEFT JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
                ORDER BY t.trx_started""")) {
            while (rs.next()) {
                lines.add(String.format("conn %d %s trx %s %s since %s%s, %d rows locked: %s", rs.getLong(1), rs.getString(2), rs.getString(8),
                        rs.getString(3), rs.getString(4), rs.getString(7) == null ? "" : " (waits for trx " + rs.getString(7) + " since " + rs.getString(5) + ")",
                        rs.getLong(6), rs.getString(9)));
            }
        }
        return lines;
    }

    /** An order's status, cancel reason and cancel time (epoch ms, 0 when not cancelled). */
    record OrderState(String status, String cancelReason, long cancelledAtMillis) {
    }

    Map<String, OrderState> orderStates(java.util.Collection<String> orderNos) throws SQLException {
        Map<String, OrderState> states = new HashMap<>();
        try (Connection c = connect();
             PreparedStatement q = c.prepareStatement("SELECT status, cancel_reason, cancelled_at FROM orders WHERE order_no = ?")) {
            for (String orderNo : orderNos) {
                q.setString(1, orderNo);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) continue;
                    LocalDateTime cancelled = rs.getObject(3, LocalDateTime.class); // UTC wall time, as the app writes it
                    states.put(orderNo, new OrderState(rs.getString(1), rs.getString(2),
                            cancelled == null ? 0 : cancelled.toInstant(ZoneOffset.UTC).toEpochMilli()));
                }
            }
        }
        return states;
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
