package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Transactions;

import java.util.function.UnaryOperator;

/** Locks an order, applies one domain transition and writes it with the status guard. */
final class LockedTransition {
    private final Transactions transactions;
    private final OrderRepository orders;

    LockedTransition(Transactions transactions, OrderRepository orders) {
        this.transactions = transactions;
        this.orders = orders;
    }

    Order apply(OrderNo orderNo, UnaryOperator<Order> move) {
        return transactions.inTransaction(() -> {
            Order order = orders.lock(orderNo).orElseThrow(() -> new NotFound("order " + orderNo));
            Order moved = move.apply(order);
            orders.update(moved, order.status());
            return moved;
        });
    }
}
