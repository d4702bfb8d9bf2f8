package dev.ordersystem.faults;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the clients were told, kept to hold the database to it afterwards: each order's last seen
 * status, each Idempotency-Key's order, each acknowledged payment and balance change; plus the
 * answers counted by kind.
 */
final class Ledger {
    /** The statuses an order may be in later, having been seen in one. */
    private static final Map<String, Set<String>> LATER = Map.of(
            "PENDING_PAYMENT", Set.of("PENDING_PAYMENT", "PAID", "SHIPPED", "COMPLETED", "REFUNDED", "CANCELLED"),
            "PAID", Set.of("PAID", "SHIPPED", "COMPLETED", "REFUNDED"),
            "SHIPPED", Set.of("SHIPPED", "COMPLETED"),
            "COMPLETED", Set.of("COMPLETED"),
            "REFUNDED", Set.of("REFUNDED"),
            "CANCELLED", Set.of("CANCELLED"));

    record Payment(String channel, String tradeNo, String orderNo, String outcome) {
    }

    /**
     * A balance change a client was told of, as the app journals it ({@code balance_journal}):
     * a top-up (the app's reference ends with the admin's reason, unique per top-up) or an order
     * paid from the balance (reference: the order number; delta: minus its pay amount).
     */
    record BalanceChange(long userId, String reason, String reference, long delta) {
        static BalanceChange topUp(long userId, long amount, String adminReason) {
            return new BalanceChange(userId, "TOP_UP", adminReason, amount);
        }

        static BalanceChange orderPayment(long userId, String orderNo, long payAmount) {
            return new BalanceChange(userId, "ORDER_PAYMENT", orderNo, -payAmount);
        }
    }

    private final Map<String, String> orders = new ConcurrentHashMap<>();
    /** Every status each order was seen in (the webhook check: each has its event). */
    private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();
    private final Map<String, String> orderByKey = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Payment> payments = new ConcurrentLinkedQueue<>();
    private final Map<String, BalanceChange> balanceChanges = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> answers = new ConcurrentSkipListMap<>();

    static boolean mayFollow(String seen, String now) {
        return LATER.getOrDefault(seen, Set.of()).contains(now);
    }

    /** Records a status the server answered with; a status going backwards is a problem. */
    void saw(String orderNo, String status) {
        seen.computeIfAbsent(orderNo, k -> ConcurrentHashMap.newKeySet()).add(status);
        orders.merge(orderNo, status, (before, now) -> {
            if (mayFollow(before, now)) return now;
            problem("order " + orderNo + " was " + before + ", then answered " + now);
            return before;
        });
    }

    void keyed(String key, String orderNo) {
        String first = orderByKey.putIfAbsent(key, orderNo);
        if (first != null && !first.equals(orderNo)) problem("Idempotency-Key " + key + " gave " + first + " and then " + orderNo);
    }

    void paid(Payment payment) {
        payments.add(payment);
    }

    /** Records a balance change acknowledged to a client (an order paid by balance is seen again on each read: kept once). */
    void balanceChanged(BalanceChange change) {
        balanceChanges.putIfAbsent(change.reason() + " " + change.reference(), change);
    }

    void problem(String text) {
        problems.add(text);
    }

    void count(String kind) {
        answers.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    Map<String, String> orders() {
        return Map.copyOf(orders);
    }

    Map<String, Set<String>> seenStatuses() {
        Map<String, Set<String>> copy = new java.util.HashMap<>();
        seen.forEach((orderNo, statuses) -> copy.put(orderNo, Set.copyOf(statuses)));
        return copy;
    }

    List<Payment> payments() {
        return List.copyOf(payments);
    }

    List<BalanceChange> balanceChanges() {
        return List.copyOf(balanceChanges.values());
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    Map<String, Long> answers() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        answers.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    long total() {
        return answers.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
