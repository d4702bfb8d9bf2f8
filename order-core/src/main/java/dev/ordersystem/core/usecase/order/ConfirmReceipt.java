package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.domain.OrderEvent;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.Transactions;

import java.time.Clock;
import java.util.List;

/**
 * The buyer confirms receipt (确认收货) of their own shipped order: {@code SHIPPED → COMPLETED}.
 * Another buyer's order is "not found"; an order not shipped yet is refused (40004); confirming
 * a completed order again answers the completed order.
 */
public final class ConfirmReceipt {
    private final Transactions transactions;
    private final OrderRepository orders;
    private final Outbox outbox;
    private final Clock clock;

    public ConfirmReceipt(Transactions transactions, OrderRepository orders, Outbox outbox, Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Order confirm(UserId buyer, OrderNo orderNo) {
        return transactions.inTransaction(() -> {
            Order order = orders.lock(orderNo).filter(o -> o.belongsTo(buyer))
                    .orElseThrow(() -> new NotFound("order " + orderNo));
            if (order.status() == OrderStatus.COMPLETED) return order;
            Order completed = order.complete(clock.instant());
            orders.update(completed, order.status());
            outbox.append(List.of(OrderEvent.reached(completed, completed.completedAt())));
            return completed;
        });
    }
}
