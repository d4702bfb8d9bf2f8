package dev.ordersystem.core.domain;

import java.util.EnumSet;
import java.util.Set;

/** The life cycle of an order (DESIGN §3). Every transition outside this table is refused. */
public enum OrderStatus {
    PENDING_PAYMENT, PAID, SHIPPED, COMPLETED, CANCELLED, REFUNDED;

    public Set<OrderStatus> next() {
        return switch (this) {
            case PENDING_PAYMENT -> EnumSet.of(PAID, CANCELLED);
            case PAID -> EnumSet.of(SHIPPED, REFUNDED);
            case SHIPPED -> EnumSet.of(COMPLETED);
            case COMPLETED, CANCELLED, REFUNDED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean canMoveTo(OrderStatus target) {
        return next().contains(target);
    }

    /** Whether an order in this status still holds the stock it took. */
    public boolean holdsStock() {
        return this != CANCELLED && this != REFUNDED;
    }

    /** Whether an order in this status has been paid and the money not given back. */
    public boolean isPaid() {
        return this == PAID || this == SHIPPED || this == COMPLETED;
    }
}
