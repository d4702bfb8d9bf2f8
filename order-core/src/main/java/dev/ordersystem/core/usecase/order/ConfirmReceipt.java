package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.Storage;

import java.time.Clock;

/**
 * The buyer confirms receipt (确认收货) of their own shipped order: {@code SHIPPED → COMPLETED}.
 * Another buyer's order is "not found"; an order not shipped yet is refused (40004); confirming
 * a completed order again answers the completed order.
 */
public final class ConfirmReceipt {
    private final Storage storage;
    private final Clock clock;

    public ConfirmReceipt(Storage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    public Order confirm(UserId buyer, OrderNo orderNo) {
        return storage.transactions().inTransaction(() -> {
            Order order = storage.orders().lock(orderNo).filter(o -> o.belongsTo(buyer))
                    .orElseThrow(() -> new NotFound("order " + orderNo));
            if (order.status() == OrderStatus.COMPLETED) return order;
            Order completed = order.complete(clock.instant());
            storage.orders().update(completed, order.status());
            return completed;
        });
    }
}
