package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.Order;

import java.util.Objects;

/** What a placement answered: the order, and whether it was written now or is an earlier one replayed for its key. */
public record PlacedOrder(Order order, Origin origin) {
    public PlacedOrder {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(origin, "origin");
    }

    public enum Origin {
        /** Written by this placement. */
        WRITTEN,
        /** Written earlier under the same {@code Idempotency-Key} and answered again. */
        REPLAYED
    }

    static PlacedOrder written(Order order) {
        return new PlacedOrder(order, Origin.WRITTEN);
    }

    static PlacedOrder replayed(Order order) {
        return new PlacedOrder(order, Origin.REPLAYED);
    }
}
