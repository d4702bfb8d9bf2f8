package dev.ordersystem.core.domain;

/** Why money goes back. */
public enum RefundPurpose {
    /** An admin refunds (part of) what an order paid; counts against the order's paid amount. */
    ORDER,
    /** A payment that arrived for an order that could no longer take it ({@link PaymentStatus#REFUND_REQUIRED}) goes back whole. */
    LATE_PAYMENT
}
