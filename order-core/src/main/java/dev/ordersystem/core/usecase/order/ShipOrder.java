package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.port.Storage;

import java.time.Clock;

/** DESIGN §4.7: an admin marks a paid order as shipped. */
public final class ShipOrder {
    private final LockedTransition transition;
    private final Clock clock;

    public ShipOrder(Storage storage, Clock clock) {
        this.transition = new LockedTransition(storage);
        this.clock = clock;
    }

    public Order ship(OrderNo orderNo) {
        return transition.apply(orderNo, order -> order.ship(clock.instant()));
    }
}
