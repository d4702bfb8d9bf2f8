package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.port.Storage;

import java.util.function.UnaryOperator;

/** Locks an order, applies one domain transition and writes it with the status guard. */
final class LockedTransition {
    private final Storage storage;

    LockedTransition(Storage storage) {
        this.storage = storage;
    }

    Order apply(OrderNo orderNo, UnaryOperator<Order> move) {
        return storage.transactions().inTransaction(() -> {
            Order order = storage.orders().lock(orderNo).orElseThrow(() -> new NotFound("order " + orderNo));
            Order moved = move.apply(order);
            storage.orders().update(moved, order.status());
            return moved;
        });
    }
}
