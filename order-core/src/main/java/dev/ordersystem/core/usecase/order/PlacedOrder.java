package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.Order;

import java.util.Objects;

/**
 * What a placement answered: the order, and whether it was written now or is an earlier one
 * replayed for its key. A replay answers the earlier order as its placement answered it, not as
 * it stands now (paid, shipped or cancelled since), so the client reads the same answer twice.
 */
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

    /** @param repeated the request sent again: its fingerprint matched the earlier order's, so its payment method is the placement's */
    static PlacedOrder replayed(Order earlier, PlaceOrderCommand repeated) {
        return new PlacedOrder(earlier.asPlaced(repeated.paymentMethod()), Origin.REPLAYED);
    }
}
