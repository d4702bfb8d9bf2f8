package dev.ordersystem.core.domain;

/**
 * What became of a payment notification. Everything but {@code SUCCEEDED} and {@code REFUNDED}
 * waits for a person (reconciliation).
 */
public enum PaymentStatus {
    /** The payment paid its order. */
    SUCCEEDED,
    /** The amount differs from the order's pay amount; the order was left unpaid. */
    MISMATCH,
    /** Money arrived for an order that can no longer take it (cancelled, expired, paid twice, refunded). */
    REFUND_REQUIRED,
    /** The money went back to the payer. */
    REFUNDED,
    /** No such order. */
    UNMATCHED;

    public boolean needsReconciliation() {
        return this == MISMATCH || this == REFUND_REQUIRED || this == UNMATCHED;
    }
}
