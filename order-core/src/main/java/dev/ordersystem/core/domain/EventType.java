package dev.ordersystem.core.domain;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of order event of DESIGN §15, with the names receivers see ({@code order.placed}, …). */
public enum EventType {
    ORDER_PLACED("order.placed"),
    ORDER_PAID("order.paid"),
    ORDER_CANCELLED("order.cancelled"),
    ORDER_SHIPPED("order.shipped"),
    ORDER_COMPLETED("order.completed"),
    ORDER_REFUNDED("order.refunded"),
    PAYMENT_MISMATCH("payment.mismatch"),
    PAYMENT_REFUND_REQUIRED("payment.refund_required"),
    PAYMENT_REFUNDED("payment.refunded"),
    /** A product's available stock fell below its low-stock threshold (once per crossing). */
    STOCK_LOW("stock.low");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in a webhook body and the feed, e.g. {@code order.cancelled}. */
    public String wireName() {
        return wireName;
    }

    /** The event of an order reaching {@code status}: placing it, paying, cancelling, shipping, completing, refunding. */
    public static EventType reaching(OrderStatus status) {
        return switch (status) {
            case PENDING_PAYMENT -> ORDER_PLACED;
            case PAID -> ORDER_PAID;
            case SHIPPED -> ORDER_SHIPPED;
            case COMPLETED -> ORDER_COMPLETED;
            case CANCELLED -> ORDER_CANCELLED;
            case REFUNDED -> ORDER_REFUNDED;
        };
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
