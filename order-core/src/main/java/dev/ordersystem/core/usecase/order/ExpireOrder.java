package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.CancelReason;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.StockLedger;
import dev.ordersystem.core.port.Transactions;

import java.time.Clock;
import java.util.Optional;

/** DESIGN §4.5–4.6: the payment-timeout cancel of one order, run by its delay-queue job. */
public final class ExpireOrder {
    private final Transactions transactions;
    private final OrderRepository orders;
    private final OrderCancellation cancellation;
    private final Restock restock;
    private final Clock clock;

    public ExpireOrder(Transactions transactions, OrderRepository orders, StockLedger stock, Outbox outbox, Restock restock,
                       Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.cancellation = new OrderCancellation(orders, stock, outbox, clock);
        this.restock = restock;
        this.clock = clock;
    }

    public ExpiryOutcome expire(OrderNo orderNo) {
        Order[] expired = new Order[1];
        ExpiryOutcome outcome = transactions.inTransaction(() -> {
            Optional<Order> found = orders.lock(orderNo);
            if (found.isEmpty()) return ExpiryOutcome.UNKNOWN_ORDER;
            Order order = found.get();
            if (order.status() != OrderStatus.PENDING_PAYMENT) return ExpiryOutcome.SETTLED;
            if (!order.isOverdue(clock.instant())) return ExpiryOutcome.NOT_DUE;
            expired[0] = cancellation.cancelLocked(order, CancelReason.PAYMENT_TIMEOUT);
            return ExpiryOutcome.EXPIRED;
        });
        if (outcome == ExpiryOutcome.EXPIRED) restock.returned(expired[0].stockLines());
        return outcome;
    }
}
