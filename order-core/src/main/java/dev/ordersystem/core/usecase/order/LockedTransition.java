package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderEvent;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.Transactions;

import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Locks an order, applies one domain transition and writes it with the status guard; a move that
 * changes the status writes its event to the outbox in the same transaction.
 */
final class LockedTransition {
    private final Transactions transactions;
    private final OrderRepository orders;
    private final Outbox outbox;
    private final Clock clock;

    LockedTransition(Transactions transactions, OrderRepository orders, Outbox outbox, Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.outbox = outbox;
        this.clock = clock;
    }

    Order apply(OrderNo orderNo, UnaryOperator<Order> move) {
        return transactions.inTransaction(() -> {
            Order order = orders.lock(orderNo).orElseThrow(() -> new NotFound("order " + orderNo));
            Order moved = move.apply(order);
            orders.update(moved, order.status());
            if (moved.status() != order.status()) outbox.append(List.of(OrderEvent.reached(moved, clock.instant())));
            return moved;
        });
    }
}
