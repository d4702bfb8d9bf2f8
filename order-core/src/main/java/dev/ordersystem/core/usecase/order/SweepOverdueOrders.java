package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.CancelReason;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.StoreContended;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.StockLedger;
import dev.ordersystem.core.port.Transactions;

import java.time.Clock;
import java.util.List;

/**
 * DESIGN §4.6: the backstop for lost delay-queue jobs. Cancels pending orders past their
 * deadline in batches, each batch one short transaction over rows locked with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances sweep side by side without waiting. A
 * batch the database keeps refusing for conflicting writes (on a Galera cluster, placements on
 * other nodes certify first against the same stock rows) is tried again a quarter the size, down
 * to one order, so the sweep still progresses under load.
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

    public SweepOverdueOrders(Transactions transactions, OrderRepository orders, StockLedger stock, ExpiryJobs expiryJobs,
                              Restock restock, int batchSize, Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.cancellation = new OrderCancellation(orders, stock, clock);
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
            List<Order> overdue;
            try {
                overdue = cancelBatch(size);
            } catch (StoreContended contended) {
                if (size == 1) throw contended;
                size = Math.max(1, size / 4);
                continue;
            }
            expiryJobs.dropAll(overdue.stream().map(Order::orderNo).toList()); // one Redis call per batch, not per order
            restock.returned(overdue.stream().flatMap(order -> order.stockLines().stream()).toList());
            cancelled += overdue.size();
            if (overdue.size() < size) break;
        }
        return cancelled;
    }

    private List<Order> cancelBatch(int size) {
        return transactions.inTransaction(() -> {
            List<Order> locked = orders.lockOverdue(clock.instant(), size);
            locked.forEach(order -> cancellation.cancelLocked(order, CancelReason.PAYMENT_TIMEOUT));
            return locked;
        });
    }
}
