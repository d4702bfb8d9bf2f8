package dev.ordersystem.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.harness.WireReply;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The admin refunding paid orders during the traffic (DESIGN §14), the sandbox provider's outage
 * included: whole refunds, partial ones by amount and by items (restocked or not), an over-refund
 * that must be 409/40011 and write nothing, and two admins refunding the same order at once (one
 * refund). The orders come from the clients: paid at the sandbox's cashier first (their refunds go
 * through the provider), else paid from the balance. Several admins work at once, never on the same
 * order (an order is in one queue once). Every refund answered 200 is kept for {@link RefundChecks}.
 */
final class AdminRefunds {
    /** How many admins refund at once: under the suite's load an answer takes a second or more. */
    static final int ADMINS = 4;

    /** A refund the admin was answered for: it must exist, with this amount, after the run. */
    record Told(String orderNo, String refundNo, long amount) {
    }

    private final FaultShop shop;
    private final Database db;
    private final Queue<Told> told = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> looks = new ConcurrentHashMap<>();
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();

    AdminRefunds(FaultShop shop, Database db) {
        this.shop = shop;
        this.db = db;
    }

    /** One admin at work until {@code deadlineNanos} (several at once, on orders of their own; a run may have several waves of traffic). */
    void until(long deadlineNanos) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            while (System.nanoTime() < deadlineNanos) {
                Queue<String> queue = shop.paidAtProvider.isEmpty() ? shop.paidFromBalance : shop.paidAtProvider;
                String orderNo = queue.poll();
                if (orderNo != null) refundSome(orderNo, queue, random);
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Told> told() {
        return List.copyOf(told);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    private void refundSome(String orderNo, Queue<String> queue, ThreadLocalRandom random) throws InterruptedException {
        Optional<WireReply> read = shop.call("admin read order", "GET", "/api/v1/admin/orders/" + orderNo, shop.adminToken, null, Map.of());
        if (read.isEmpty() || read.get().status() != 200) return;
        JsonNode order = read.get().json();
        if (!order.path("status").asText().equals("PAID")) {
            // Paid at the cashier, the notification not yet applied (or the order went elsewhere): look again later, a few times.
            if (looks.merge(orderNo, 1, Integer::sum) < 4) queue.add(orderNo);
            return;
        }
        long left = order.path("payAmount").asLong() - order.path("refundedAmount").asLong();
        int roll = random.nextInt(100);
        if (roll < 25) {
            refund(orderNo, null);
        } else if (roll < 50 && left > 1) {
            again(queue, orderNo, refund(orderNo, Map.of("amount", random.nextLong(1, left / 2 + 1), "reason", "fault suite partial", "restock", false)));
        } else if (roll < 70) {
            JsonNode item = order.path("items").get(0);
            again(queue, orderNo, refund(orderNo, Map.of("items", List.of(Map.of("productId", item.path("productId").asLong(), "quantity", 1)),
                    "reason", "fault suite item", "restock", random.nextBoolean())));
        } else if (roll < 85) {
            overRefund(orderNo, left);
            queue.add(orderNo);
        } else {
            twoAdmins(orderNo);
        }
    }

    private static void again(Queue<String> queue, String orderNo, boolean refunded) {
        if (refunded) queue.add(orderNo); // what is left may be refunded (or over-refunded) later
    }

    /** One refund; true when it was answered 200 (and kept as told). */
    private boolean refund(String orderNo, Map<String, Object> body) {
        Optional<WireReply> reply = shop.call("admin refund", "POST", "/api/v1/admin/orders/" + orderNo + "/refund", shop.adminToken, body, Map.of());
        if (reply.isEmpty() || reply.get().status() != 200) return false;
        keep(orderNo, reply.get().json());
        return true;
    }

    private void keep(String orderNo, JsonNode answer) {
        JsonNode refund = answer.path("refund");
        told.add(new Told(orderNo, refund.path("refundNo").asText(), refund.path("amount").asLong()));
    }

    /**
     * One unit more than is left: 409 with 40011 and nothing written. Checked during the traffic, so
     * only against the rows this request could have written: the order's admin refunds (number,
     * amount, reason, stock return, lines; not their state, which the refund job and WeChat's refund
     * notifications move meanwhile), the order's row and the balance journal entries referencing its
     * refunds. No other admin has this order meanwhile, so a row added there is this request's.
     */
    private void overRefund(String orderNo, long left) {
        try {
            overRefundWritingNothing(orderNo, left);
        } catch (SQLException e) {
            // The database is down (a fault): the request is not sent, or its rows cannot be compared; counted, not a problem.
            shop.ledger.count("admin over-refund unchecked (database unreachable)");
        }
    }

    private void overRefundWritingNothing(String orderNo, long left) throws SQLException {
        List<String> before = writable(orderNo);
        Optional<WireReply> reply = shop.call("admin over-refund", "POST", "/api/v1/admin/orders/" + orderNo + "/refund", shop.adminToken,
                Map.of("amount", left + 1, "reason", "fault suite too much"), Map.of());
        if (reply.isEmpty()) return;
        if (reply.get().status() != 409 || reply.get().code() != 40011) {
            problems.add("refunding " + (left + 1) + " of order " + orderNo + " with " + left + " left was answered " + reply.get());
            if (reply.get().status() == 200) keep(orderNo, reply.get().json());
            return;
        }
        List<String> after = writable(orderNo);
        if (!after.equals(before)) problems.add("a refused over-refund of order " + orderNo + " wrote: " + before + " -> " + after);
    }

    /** Two admins send a whole refund of one order at the same moment: at most one is answered 200. */
    private void twoAdmins(String orderNo) throws InterruptedException {
        List<Optional<WireReply>> replies = new ArrayList<>(List.of(Optional.empty(), Optional.empty()));
        List<Thread> admins = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int admin = i;
            admins.add(Thread.startVirtualThread(() -> replies.set(admin,
                    shop.call("admin refund at once", "POST", "/api/v1/admin/orders/" + orderNo + "/refund", shop.adminToken, null, Map.of()))));
        }
        for (Thread admin : admins) admin.join();
        int ok = 0;
        for (Optional<WireReply> reply : replies) {
            if (reply.isPresent() && reply.get().status() == 200) {
                ok++;
                keep(orderNo, reply.get().json());
            }
        }
        if (ok > 1) problems.add("two admins refunding order " + orderNo + " at once were both answered 200: " + replies);
    }

    private List<String> writable(String orderNo) throws SQLException {
        List<String> rows = new ArrayList<>();
        Map<String, String> queries = new LinkedHashMap<>(); // the same order before and after
        queries.put("refund", "SELECT out_refund_no, amount, reason, stock_return FROM refund WHERE order_no = ? AND purpose = 'ORDER' ORDER BY out_refund_no");
        queries.put("refund_line", "SELECT l.out_refund_no, l.product_id, l.quantity FROM refund_line l JOIN refund r ON r.out_refund_no = l.out_refund_no"
                + " WHERE r.order_no = ? ORDER BY 1, 2");
        queries.put("orders", "SELECT * FROM orders WHERE order_no = ?");
        queries.put("balance_journal", "SELECT id, delta, reason, reference FROM balance_journal WHERE reference LIKE CONCAT(?, '\\_r%') ORDER BY id");
        try (Connection c = db.connect()) {
            for (Map.Entry<String, String> query : queries.entrySet()) {
                try (PreparedStatement q = c.prepareStatement(query.getValue())) {
                    q.setString(1, orderNo);
                    try (ResultSet rs = q.executeQuery()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            StringBuilder row = new StringBuilder(query.getKey()).append(':');
                            for (int i = 1; i <= columns; i++) row.append(rs.getString(i)).append('|');
                            rows.add(row.toString());
                        }
                    }
                }
            }
        }
        return rows;
    }
}
