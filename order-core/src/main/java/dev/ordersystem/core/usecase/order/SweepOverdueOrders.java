package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.CancelReason;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.StoreContended;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.PaymentAttempt;
import dev.ordersystem.core.port.PaymentAttempts;
import dev.ordersystem.core.port.StockLedger;
import dev.ordersystem.core.port.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * DESIGN §4.6: the backstop for lost delay-queue jobs. Cancels pending orders past their
 * deadline in batches, each batch one short transaction over rows locked with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances sweep side by side without waiting. An
 * order with an open provider trade is not cancelled in the batch: the provider must be asked
 * first, never inside a transaction, so after the batch commits it expires on its own through
 * {@link ExpireOrder} (DESIGN §13), up to the fan-out's width of them at once (each waits on the
 * provider; each takes its own order's lock in its own transaction, so they do not wait on each
 * other, and a queue job expiring the same order meanwhile finds it settled). A batch the database
 * keeps refusing for conflicting writes (on a Galera cluster, placements on other nodes certify
 * first against the same stock rows) is tried again a quarter the size, down to one order, so the
 * sweep still progresses under load.
 */
public final class SweepOverdueOrders {
    private static final Logger log = LoggerFactory.getLogger(SweepOverdueOrders.class);
    private static final int MAX_BATCHES_PER_SWEEP = 1_000;

    private final Transactions transactions;
    private final OrderRepository orders;
    private final OrderCancellation cancellation;
    private final ExpiryJobs expiryJobs;
    private final Restock restock;
    private final PaymentAttempts attempts;
    private final ExpireOrder expireOrder;
    private final int batchSize;
    private final BoundedFanOut fanOut;
    private final Clock clock;

    public SweepOverdueOrders(Transactions transactions, OrderRepository orders, StockLedger stock, Outbox outbox,
                              ExpiryJobs expiryJobs, Restock restock, PaymentAttempts attempts, ExpireOrder expireOrder,
                              int batchSize, BoundedFanOut fanOut, Clock clock) {
        this.transactions = transactions;
        this.fanOut = fanOut;
        this.attempts = attempts;
        this.expireOrder = expireOrder;
        this.orders = orders;
        this.cancellation = new OrderCancellation(orders, stock, outbox, clock);
        this.expiryJobs = expiryJobs;
        this.restock = restock;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** Returns how many orders this sweep cancelled. */
    public int sweep() {
        int cancelled = 0;
        int size = batchSize;
        for (int batch = 0; batch < MAX_BATCHES_PER_SWEEP; batch++) {
            List<Order> withTrade = new ArrayList<>();
            List<Order> overdue;
            try {
                overdue = cancelBatch(size, withTrade);
            } catch (StoreContended contended) {
                if (size == 1) throw contended;
                size = Math.max(1, size / 4);
                continue;
            }
            expiryJobs.dropAll(overdue.stream().map(Order::orderNo).toList()); // one Redis call per batch, not per order
            restock.returned(overdue.stream().flatMap(order -> order.stockLines().stream()).toList());
            cancelled += overdue.size();
            LongAdder expiredWithTrade = new LongAdder();
            LongAdder settledWithTrade = new LongAdder();
            fanOut.forEach(withTrade, order -> {
                try {
                    ExpiryOutcome outcome = expireOrder.expire(order.orderNo());
                    if (outcome == ExpiryOutcome.EXPIRED) expiredWithTrade.increment();
                    if (outcome != ExpiryOutcome.NOT_DUE) settledWithTrade.increment();
                } catch (RuntimeException e) {
                    log.warn("sweep: expiry of order {} with an open provider trade failed, next sweep tries again: {}",
                            order.orderNo(), e.toString());
                }
            });
            cancelled += expiredWithTrade.intValue();
            int settled = overdue.size() + settledWithTrade.intValue();
            // A batch that settled nothing would come back the same: the next sweep tries again.
            if (overdue.size() + withTrade.size() < size || settled == 0) break;
        }
        return cancelled;
    }

    /** One batch's transaction: the overdue orders without an open trade cancelled, those with one put in {@code withTrade}. */
    private List<Order> cancelBatch(int size, List<Order> withTrade) {
        return transactions.inTransaction(() -> {
            withTrade.clear(); // a retried transaction starts over
            List<Order> locked = orders.lockOverdue(clock.instant(), size);
            Set<OrderNo> traded = attempts.findOpenAmong(locked.stream().map(Order::orderNo).toList()).stream()
                    .map(PaymentAttempt::orderNo).collect(Collectors.toSet());
            List<Order> done = new ArrayList<>();
            for (Order order : locked) {
                if (traded.contains(order.orderNo())) {
                    withTrade.add(order);
                } else {
                    cancellation.cancelLocked(order, CancelReason.PAYMENT_TIMEOUT);
                    done.add(order);
                }
            }
            return done;
        });
    }
}
