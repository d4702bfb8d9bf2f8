package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.CancelReason;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.StockLedger;
import dev.ordersystem.core.port.Transactions;

import java.time.Clock;
import java.util.List;

/**
 * DESIGN §4.6: the backstop for lost delay-queue jobs. Cancels pending orders past their
 * deadline in batches, each batch one short transaction over rows locked with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances sweep side by side without waiting.
 */
public final class SweepOverdueOrders {
    private static final int MAX_BATCHES_PER_SWEEP = 1_000;

    private final Transactions transactions;
    private final OrderRepository orders;
    private final OrderCancellation cancellation;
    private final ExpiryJobs expiryJobs;
    private final Restock restock;
    private final int batchSize;
    private final Clock clock;

    public SweepOverdueOrders(Transactions transactions, OrderRepository orders, StockLedger stock, Outbox outbox,
                              ExpiryJobs expiryJobs, Restock restock, int batchSize, Clock clock) {
        this.transactions = transactions;
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
        for (int batch = 0; batch < MAX_BATCHES_PER_SWEEP; batch++) {
            List<Order> overdue = transactions.inTransaction(() -> {
                List<Order> locked = orders.lockOverdue(clock.instant(), batchSize);
                locked.forEach(order -> cancellation.cancelLocked(order, CancelReason.PAYMENT_TIMEOUT));
                return locked;
            });
            expiryJobs.dropAll(overdue.stream().map(Order::orderNo).toList()); // one Redis call per batch, not per order
            restock.returned(overdue.stream().flatMap(order -> order.stockLines().stream()).toList());
            cancelled += overdue.size();
            if (overdue.size() < batchSize) break;
        }
        return cancelled;
    }
}
