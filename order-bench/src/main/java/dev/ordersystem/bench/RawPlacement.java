package dev.ordersystem.bench;

import dev.ordersystem.harness.Sha256;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * P0, the ceiling: the statements one "place order" request runs, as logged by the server's
 * general log for {@code POST /api/v1/orders} (WECHAT, one line), sent over raw JDBC with no
 * HTTP and no framework: the token lookup, then one transaction — address, product snapshot,
 * conditional stock update, order row, item row, its {@code order.placed} event (DESIGN §15: the
 * outbox row is written in the placement's transaction), commit. Also the plain hot-row variant of P2b:
 * a separate locking read ({@code SELECT … FOR UPDATE}) before the decrement.
 */
final class RawPlacement {
    private static final String TOKEN = "SELECT user_id FROM access_token WHERE token_digest = ? AND revoked = FALSE AND expires_at > ?";
    private static final String ADDRESS = "SELECT id, user_id, recipient, phone, region, detail, created_at FROM address WHERE id = ? AND user_id = ?";
    private static final String PRODUCT = "SELECT id, name, description, price, on_sale, created_at FROM product WHERE id IN (?) ORDER BY id";
    private static final String RESERVE = "UPDATE stock SET available = available - ? WHERE product_id = ? AND available >= ?";
    private static final String LOCK_STOCK = "SELECT available FROM stock WHERE product_id = ? FOR UPDATE";
    private static final String TAKE_STOCK = "UPDATE stock SET available = available - ? WHERE product_id = ?";
    private static final String ORDER = "INSERT INTO orders (order_no, user_id, status, payment_method, total_amount, pay_amount, "
            + "ship_recipient, ship_phone, ship_region, ship_detail, created_at, expires_at, paid_at, shipped_at, completed_at, "
            + "cancelled_at, cancel_reason, refunded_at, idempotency_key, request_fingerprint) "
            + "VALUES (?, ?, 'PENDING_PAYMENT', 'WECHAT', ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ?)";
    private static final String ITEM = "INSERT INTO order_item (order_no, line_no, product_id, product_name, unit_price, quantity, line_amount) "
            + "VALUES (?, 1, ?, ?, ?, 1, ?)";
    private static final String EVENT = "INSERT INTO outbox (event_type, order_no, payload, created_at) VALUES ('order.placed', ?, ?, ?)";

    enum StockLock { CONDITIONAL_UPDATE, SELECT_FOR_UPDATE }

    private final BenchDatabase db;
    private final String prefix;
    private final AtomicLong numbers = new AtomicLong();

    /** {@code prefix}: 4 digits that keep these order numbers apart from the app's (which start with the year). */
    RawPlacement(BenchDatabase db, String prefix) {
        this.db = db;
        this.prefix = prefix;
    }

    /** Places one order of one unit; returns 201 like the API, 409 when the stock is short. */
    int place(String token, long addressId, long productId, StockLock lock) throws SQLException {
        Timestamp now = BenchDatabase.now();
        try (Connection c = db.pool.getConnection()) {
            long userId;
            try (PreparedStatement s = c.prepareStatement(TOKEN)) {
                s.setString(1, Sha256.hex(token));
                s.setTimestamp(2, now);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) return 401;
                    userId = r.getLong(1);
                }
            }
            c.setAutoCommit(false);
            try {
                String[] ship = new String[4];
                try (PreparedStatement s = c.prepareStatement(ADDRESS)) {
                    s.setLong(1, addressId);
                    s.setLong(2, userId);
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) { c.rollback(); return 400; }
                        for (int i = 0; i < 4; i++) ship[i] = r.getString(3 + i);
                    }
                }
                String name;
                long price;
                try (PreparedStatement s = c.prepareStatement(PRODUCT)) {
                    s.setLong(1, productId);
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next() || !r.getBoolean(5)) { c.rollback(); return 409; }
                        name = r.getString(2);
                        price = r.getLong(4);
                    }
                }
                if (!reserve(c, productId, lock)) { c.rollback(); return 409; }
                String orderNo = prefix + "%012d".formatted(numbers.incrementAndGet());
                try (PreparedStatement s = c.prepareStatement(ORDER)) {
                    s.setString(1, orderNo); s.setLong(2, userId); s.setLong(3, price); s.setLong(4, price);
                    for (int i = 0; i < 4; i++) s.setString(5 + i, ship[i]);
                    s.setTimestamp(9, now);
                    s.setTimestamp(10, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC).plusMinutes(30)));
                    s.setString(11, Sha256.hex(userId + ":" + productId));
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement(ITEM)) {
                    s.setString(1, orderNo); s.setLong(2, productId); s.setString(3, name); s.setLong(4, price); s.setLong(5, price);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement(EVENT)) {
                    s.setString(1, orderNo);
                    s.setString(2, ("{\"orderNo\":\"%s\",\"status\":\"PENDING_PAYMENT\",\"userId\":%d,\"totalAmount\":%d,"
                            + "\"payAmount\":%d,\"currency\":\"CNY\",\"paymentMethod\":\"WECHAT\"}").formatted(orderNo, userId, price, price));
                    s.setTimestamp(3, now);
                    s.executeUpdate();
                }
                c.commit();
                return 201;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static boolean reserve(Connection c, long productId, StockLock lock) throws SQLException {
        if (lock == StockLock.CONDITIONAL_UPDATE) {
            try (PreparedStatement s = c.prepareStatement(RESERVE)) {
                s.setLong(1, 1); s.setLong(2, productId); s.setLong(3, 1);
                return s.executeUpdate() == 1;
            }
        }
        try (PreparedStatement s = c.prepareStatement(LOCK_STOCK)) {
            s.setLong(1, productId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next() || r.getLong(1) < 1) return false;
            }
        }
        try (PreparedStatement s = c.prepareStatement(TAKE_STOCK)) {
            s.setLong(1, 1); s.setLong(2, productId);
            return s.executeUpdate() == 1;
        }
    }
}
