package dev.ordersystem.bench;

import dev.ordersystem.harness.RedisWire;
import dev.ordersystem.harness.Sha256;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Pending orders written in bulk exactly as placement writes them, for the expiry benchmarks (P4, P6):
 * order row, item row, the {@code order.placed} event in the same transaction (DESIGN §15; the §7 audit
 * checks one event per change) and the stock taken evenly from the bench's products; then the expiry
 * jobs placement would have queued.
 *
 * @param prefix  the first digits of their order numbers, so a benchmark finds its own orders
 * @param count   how many; a multiple of {@link BenchShop#PRODUCTS}
 * @param methods the payment method of order n ({@code WECHAT}, {@code ALIPAY})
 */
record BulkPendingOrders(String prefix, int count, IntFunction<String> methods) {

    String orderNo(int n) {
        return prefix + "%012d".formatted(n);
    }

    /** Writes them in one transaction, due an hour from now (the benchmark moves the deadline later). */
    void insert(BenchShop shop) throws Exception {
        BenchDatabase.Buyers b = shop.buyers;
        Timestamp now = BenchDatabase.now();
        Timestamp later = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC).plusHours(1));
        try (Connection c = shop.db.pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement o = c.prepareStatement("INSERT INTO orders (order_no, user_id, status, payment_method, total_amount, "
                    + "pay_amount, ship_recipient, ship_phone, ship_region, ship_detail, created_at, expires_at, request_fingerprint) "
                    + "VALUES (?, ?, 'PENDING_PAYMENT', ?, ?, ?, 'Bench Buyer', '13800000000', 'Shanghai', 'Bench Road 1', ?, ?, ?)");
                 PreparedStatement i = c.prepareStatement("INSERT INTO order_item (order_no, line_no, product_id, product_name, "
                         + "unit_price, quantity, line_amount) VALUES (?, 1, ?, ?, ?, 1, ?)");
                 PreparedStatement e = c.prepareStatement("INSERT INTO outbox (event_type, order_no, payload, created_at) "
                         + "VALUES ('order.placed', ?, ?, ?)")) {
                for (int n = 0; n < count; n++) {
                    String orderNo = orderNo(n);
                    long product = shop.firstProduct + n % BenchShop.PRODUCTS;
                    long buyer = b.userIds()[n % b.size()];
                    String method = methods.apply(n);
                    o.setString(1, orderNo); o.setLong(2, buyer); o.setString(3, method);
                    o.setLong(4, BenchShop.PRICE); o.setLong(5, BenchShop.PRICE);
                    o.setTimestamp(6, now); o.setTimestamp(7, later); o.setString(8, Sha256.hex(orderNo));
                    o.addBatch();
                    i.setString(1, orderNo); i.setLong(2, product); i.setString(3, "Bench product " + product);
                    i.setLong(4, BenchShop.PRICE); i.setLong(5, BenchShop.PRICE);
                    i.addBatch();
                    e.setString(1, orderNo);
                    e.setString(2, ("{\"orderNo\":\"%s\",\"status\":\"PENDING_PAYMENT\",\"userId\":%d,\"totalAmount\":%d,"
                            + "\"payAmount\":%d,\"currency\":\"CNY\",\"paymentMethod\":\"%s\"}")
                            .formatted(orderNo, buyer, BenchShop.PRICE, BenchShop.PRICE, method));
                    e.setTimestamp(3, now);
                    e.addBatch();
                    if (n % 5_000 == 4_999) {
                        o.executeBatch();
                        i.executeBatch();
                        e.executeBatch();
                    }
                }
                o.executeBatch();
                i.executeBatch();
                e.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE stock SET available = available - " + (count / BenchShop.PRODUCTS));
            }
            c.commit();
        }
    }

    /** Moves their deadline to {@code deadline} and queues the expiry jobs placement would have queued for it. */
    void dueAt(BenchShop shop, Instant deadline) throws Exception {
        try (Connection c = shop.db.pool.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE orders SET expires_at = ? WHERE order_no LIKE '" + prefix + "%'")) {
            s.setTimestamp(1, Timestamp.valueOf(LocalDateTime.ofInstant(deadline, ZoneOffset.UTC)));
            s.executeUpdate();
        }
        queueExpiryJobs(deadline);
    }

    /** The jobs placement would have queued: ZADD {prefix:delay}:due <deadline ms> <order no>, 1,000 per command. */
    private void queueExpiryJobs(Instant deadline) throws Exception {
        try (RedisWire redis = new RedisWire(BenchShop.REDIS_PORT)) {
            List<String> args = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                if (args.isEmpty()) {
                    args.add("ZADD");
                    args.add("{" + BenchShop.REDIS_PREFIX + ":delay}:due");
                }
                args.add("" + deadline.toEpochMilli());
                args.add(orderNo(n));
                if (args.size() >= 2_002) {
                    redis.call(args);
                    args.clear();
                }
            }
            if (!args.isEmpty()) redis.call(args);
        }
    }
}
