package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.OrderEvent;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Automatic completion: completes {@code SHIPPED} orders shipped at least {@code window} ago,
 * in batches, each batch one short transaction over rows locked with {@code FOR UPDATE SKIP LOCKED},
 * so several instances complete side by side and each order exactly once.
 *
 * <p>Never an order being refunded: a refund moves only {@code PAID} orders (DESIGN §3) while holding
 * the order's row lock, so a row it holds is skipped, and the guarded update writes only over {@code SHIPPED}.
 */
public final class CompleteShippedOrders {
    private static final int MAX_BATCHES_PER_RUN = 1_000;

    private final Transactions transactions;
    private final OrderRepository orders;
    private final Outbox outbox;
    private final Duration window;
    private final int batchSize;
    private final Clock clock;

    public CompleteShippedOrders(Transactions transactions, OrderRepository orders, Outbox outbox, Duration window,
                                 int batchSize, Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.outbox = outbox;
        this.window = window;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** Returns how many orders this run completed. */
    public int run() {
        int completed = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            int done = transactions.inTransaction(() -> {
                var now = clock.instant();
                List<Order> due = orders.lockShippedBefore(now.minus(window), batchSize);
                List<OrderEvent> events = new ArrayList<>();
                for (Order order : due) {
                    Order finished = order.complete(now);
                    orders.update(finished, OrderStatus.SHIPPED);
                    events.add(OrderEvent.reached(finished, now));
                }
                outbox.append(events);
                return due.size();
            });
            completed += done;
            if (done < batchSize) break;
        }
        return completed;
    }
}
