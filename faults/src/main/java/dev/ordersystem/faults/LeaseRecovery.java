package dev.ordersystem.faults;

import dev.ordersystem.harness.Json;
import dev.ordersystem.harness.WireReply;
import dev.ordersystem.harness.WireRequest;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The SIGKILL fault, made to prove what it is for: a killed instance's claimed expiry jobs fire
 * again once their lease runs out (DESIGN §4.6, issue 8).
 *
 * <p>A claim is short (claim, cancel the order, complete: milliseconds), so a kill at a random
 * moment rarely lands while one is held. This arranges it: the driver places an order of its own
 * (no client knows it) and locks its row, as a slow transaction would. When its payment timeout
 * comes, some instance claims its expiry job with whatever else is due and blocks on that row,
 * holding the whole batch. The database says which connection waits for the lock, {@code /proc}
 * which instance owns that connection; that instance is SIGKILLed, after the batch (the claimed
 * set in Redis, by the batch's lease end) was noted.
 *
 * <p>Afterwards the order stays locked, so no sweep (which skips locked rows) can take it: its job
 * must be claimed again by a live instance, and not before the lease ran out. Then the lock goes
 * and that instance cancels the order. The rest of the batch is free for either backstop, the
 * re-claim or another instance's database sweep; at the end every job of the batch must be out of
 * the queue and every order of it settled.
 */
final class LeaseRecovery {
    private static final long TRYING_MILLIS = 30_000;
    private static final long WAIT_FOR_CLAIM_MILLIS = 8_000;
    private static final long WAIT_FOR_WAITER_MILLIS = 5_000;
    private static final long AFTER_LEASE_MILLIS = 20_000;
    private static final long SETTLE_MILLIS = 15_000;

    private final FaultShop shop;
    private final Database db;
    private final DelayQueueView queue;
    private final Findings findings;

    private String anchor;
    private long placedAt;
    private long leaseEnd;
    private long killedAt;
    private Map<String, Long> held = Map.of();
    private Database.OrderLock lock;
    private String lastHoldFailure;

    LeaseRecovery(FaultShop shop, Database db, DelayQueueView queue, Findings findings) {
        this.shop = shop;
        this.db = db;
        this.queue = queue;
        this.findings = findings;
    }

    /**
     * SIGKILLs the instance that holds the claimed expiry job of the driver's locked order; returns
     * its index, or -1 when that could not be arranged within {@link #TRYING_MILLIS} (said in the
     * findings; nothing killed). A try fails when the app could not queue the job or gave up the
     * batch it claimed (its Redis calls can fail for a while after the Redis fault just before).
     * The next try, a second later at least, places a new order; one left behind expires like any other.
     */
    int killHolding() throws InterruptedException, SQLException {
        List<String> failed = new ArrayList<>();
        long giveUpAt = System.currentTimeMillis() + TRYING_MILLIS;
        do {
            long tryStarted = System.currentTimeMillis();
            if (lock == null) holdAnOrder();
            String why = lock == null ? lastHoldFailure : null;
            if (why == null) {
                int victim = killClaimer();
                if (victim >= 0) return victim;
                why = lastHoldFailure;
            }
            failed.add(why);
            System.out.printf("  SIGKILL: try %d to catch a claimed batch failed: %s%n", failed.size(), why);
            release();
            Thread.sleep(Math.max(0, 1_000 - (System.currentTimeMillis() - tryStarted)));
        } while (System.currentTimeMillis() < giveUpAt);
        findings.problem("SIGKILL: could not catch an instance holding claimed expiry jobs in " + TRYING_MILLIS / 1000 + " s ("
                + failed.size() + " tries; last: " + failed.getLast() + "); the re-claim after the lease was not exercised");
        return -1;
    }

    private int killClaimer() throws InterruptedException, SQLException {
        long deadline = placedAt + 6_000 + WAIT_FOR_CLAIM_MILLIS; // payment timeout PT6S, then the claim
        Long end = null;
        while (end == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            end = queue.leaseEnd(anchor);
        }
        if (end == null) {
            lastHoldFailure = "no instance claimed the expiry job of order " + anchor + " within " + WAIT_FOR_CLAIM_MILLIS / 1000
                    + " s of its due time";
            return -1;
        }
        leaseEnd = end;
        int victim = -1;
        deadline = System.currentTimeMillis() + WAIT_FOR_WAITER_MILLIS;
        while (victim < 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            for (int port : db.waitersOn(lock)) victim = shop.cluster.ownerOfDatabaseConnection(port, db.port()).orElse(victim);
        }
        if (victim < 0) {
            lastHoldFailure = "the job of order " + anchor + " was claimed, but no instance came to wait for its row";
            return -1;
        }
        held = new TreeMap<>(queue.leased());
        held.values().removeIf(e -> e != leaseEnd); // one claim, one lease end: the victim's batch
        killedAt = System.currentTimeMillis();
        shop.cluster.kill(victim);
        System.out.printf("  SIGKILL: instance %d killed while holding %d claimed expiry jobs (lease ends %.1f s after the kill), "
                        + "blocked on the driver's locked order %s (due %.1f s before the kill)%n", victim + 1, held.size(),
                (leaseEnd - killedAt) / 1e3, anchor, (killedAt - placedAt - 6_000) / 1e3);
        return victim;
    }

    /**
     * Places the driver's own pending order, checks its expiry job is queued and locks its row; the
     * job comes due 6 s later ({@code ORDER_PAYMENT_TIMEOUT=PT6S}), when {@link #killHolding()}
     * expects it claimed. On failure {@link #lock} stays null and the reason is kept for the report.
     */
    void holdAnOrder() throws InterruptedException, SQLException {
        anchor = placeOrder();
        if (anchor == null) return;
        placedAt = System.currentTimeMillis();
        if (queue.dueAt(anchor) == null) {
            lastHoldFailure = "the app could not queue the expiry job of order " + anchor;
            return;
        }
        lock = db.lockPendingOrder(anchor);
        if (lock == null) lastHoldFailure = "could not lock the driver's order " + anchor;
    }

    /** A pending (WECHAT) order of the first buyer, with an Idempotency-Key, retried a few times; null when none could be placed. */
    private String placeOrder() throws InterruptedException {
        FaultShop.Buyer buyer = shop.buyers.getFirst();
        String key = "lease-" + UUID.randomUUID();
        Map<String, Object> cart = Map.of("items", List.of(Map.of("productId", shop.products.get(5), "quantity", 1)),
                "addressId", buyer.addressId(), "paymentMethod", "WECHAT");
        WireReply last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                last = shop.cluster.http(0).send(WireRequest.post("/api/v1/orders", Json.write(cart)).withToken(buyer.token())
                        .withHeaders(Map.of("Idempotency-Key", key)).withTimeout(FaultShop.REQUEST_TIMEOUT));
                if (last.status() == 201) return last.json().get("orderNo").asText();
            } catch (IOException e) {
                // a timeout under load: the same key again
            }
            Thread.sleep(500);
        }
        lastHoldFailure = "the driver could not place its own order (last answer " + last + ")";
        return null;
    }

    /** After the restart: the held job must be claimed again after its lease, and every job of the batch must end. */
    void verify() throws InterruptedException, SQLException {
        if (held.isEmpty()) return;
        try {
            awaitReclaim();
        } finally {
            release(); // the instance that claimed it again cancels it now
        }
        awaitSettled();
    }

    private void awaitReclaim() throws InterruptedException {
        while (System.currentTimeMillis() < leaseEnd + AFTER_LEASE_MILLIS) {
            Long end = queue.leaseEnd(anchor);
            long now = System.currentTimeMillis();
            if (end == null) {
                findings.problem("SIGKILL: the claimed job of order " + anchor + " left the queue while its order was locked, "
                        + (now < leaseEnd ? "before" : "after") + " its lease ran out, without being claimed again");
                return;
            }
            if (end != leaseEnd) {
                int attempt = queue.attempts(anchor);
                findings.check(now >= leaseEnd, () -> "SIGKILL: the job of order " + anchor + " was claimed again "
                        + (leaseEnd - now) + " ms before its lease ran out");
                findings.check(attempt >= 2, () -> "SIGKILL: the job of order " + anchor + " claimed again shows attempt " + attempt);
                System.out.printf("  SIGKILL: the job of order %s was claimed again by a live instance %.1f s after its lease ran out "
                        + "(attempt %d, new lease)%n", anchor, (now - leaseEnd) / 1e3, attempt);
                return;
            }
            Thread.sleep(100);
        }
        findings.problem("SIGKILL: the job of order " + anchor + " was not claimed again within " + AFTER_LEASE_MILLIS / 1000
                + " s after its lease ran out");
    }

    /** Every job of the killed instance's batch out of the queue (no claim, no count), every order of it settled. */
    private void awaitSettled() throws InterruptedException, SQLException {
        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        Set<String> left;
        Map<String, Database.OrderState> states;
        do {
            left = new HashSet<>(queue.leased().keySet());
            left.addAll(queue.counted());
            left.retainAll(held.keySet());
            states = db.orderStates(held.keySet());
            boolean pending = states.values().stream().anyMatch(s -> s.status().equals("PENDING_PAYMENT"));
            if (left.isEmpty() && !pending && states.size() == held.size()) break;
            Thread.sleep(200);
        } while (System.currentTimeMillis() < deadline);

        if (!left.isEmpty() || states.values().stream().anyMatch(st -> st.status().equals("PENDING_PAYMENT"))) {
            // Why a job of the batch is stuck: who holds or waits for what in the database now.
            List<String> open = db.openTransactions();
            System.out.printf("  SIGKILL: batch not settled; the database's %d open transactions (the driver's lock is released):%n", open.size());
            open.forEach(line -> System.out.println("    " + line));
        }
        Set<String> stillQueued = left;
        Map<String, Database.OrderState> settled = states;
        findings.check(stillQueued.isEmpty(), () -> "SIGKILL: jobs of the killed instance still claimed in Redis: " + stillQueued);
        List<String> unsettled = held.keySet().stream()
                .filter(o -> !settled.containsKey(o) || settled.get(o).status().equals("PENDING_PAYMENT")).toList();
        findings.check(unsettled.isEmpty(), () -> "SIGKILL: orders of the killed instance's claimed jobs still pending (or missing): " + unsettled);
        Database.OrderState anchorState = settled.get(anchor);
        findings.check(anchorState != null && !anchorState.status().equals("PENDING_PAYMENT"), () ->
                "SIGKILL: order " + anchor + " is " + anchorState + " after its job was claimed again");

        // Timed-out orders cancelled before the lease ran out were the database sweep's (nobody else
        // expires them); after it, the job claimed again (or a sweep that came later). Users' cancels
        // and payments took the others.
        List<Database.OrderState> timedOut = settled.values().stream().filter(s -> "PAYMENT_TIMEOUT".equals(s.cancelReason())).toList();
        long swept = timedOut.stream().filter(s -> s.cancelledAtMillis() < leaseEnd).count();
        String statuses = settled.values().stream().collect(Collectors.groupingBy(
                s -> s.status() + (s.cancelReason() == null ? "" : " " + s.cancelReason()), TreeMap::new, Collectors.counting())).toString();
        System.out.printf("  SIGKILL: the killed instance's %d claimed jobs: %d still queued; their orders now %s; timed out before the "
                        + "lease ran out (database sweep) %d, after it %d; order %s %s%n",
                held.size(), stillQueued.size(), statuses, swept, timedOut.size() - swept, anchor,
                anchorState == null ? "missing" : anchorState.status() + (anchorState.cancelledAtMillis() > 0
                        ? String.format(" %.1f s after the lease ran out", (anchorState.cancelledAtMillis() - leaseEnd) / 1e3) : ""));
    }

    /** Releases the driver's row lock; idempotent. */
    void release() {
        if (lock == null) return;
        try {
            lock.close();
        } catch (SQLException e) {
            System.err.println("faults: could not release the order lock: " + e.getMessage());
        }
        lock = null;
    }
}
