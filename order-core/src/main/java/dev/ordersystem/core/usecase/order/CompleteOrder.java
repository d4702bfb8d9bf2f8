package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.Transactions;

import java.time.Clock;

/** DESIGN §4.7: an admin marks a shipped order as completed (delivered). */
public final class CompleteOrder {
    private final LockedTransition transition;
    private final Clock clock;

    public CompleteOrder(Transactions transactions, OrderRepository orders, Outbox outbox, Clock clock) {
        this.transition = new LockedTransition(transactions, orders, outbox, clock);
        this.clock = clock;
    }

    public Order complete(OrderNo orderNo) {
        return transition.apply(orderNo, order -> order.complete(clock.instant()));
    }
}
