package dev.ordersystem.core.domain;

/** What a reconciliation did about one difference. */
public enum DifferenceAction {
    /** Applied as its notification would have been: the pending order is now PAID. */
    APPLIED_PAID,
    /** Applied: the order could no longer take money, the payment is recorded REFUND_REQUIRED (the late-payment path). */
    APPLIED_LATE_PAYMENT,
    /** Applied: the amount differs from the order's, recorded MISMATCH, the order left as it was. */
    APPLIED_MISMATCH,
    /** Applied: no such order, recorded UNMATCHED. */
    APPLIED_UNMATCHED,
    /** Recorded already by an earlier run of this reconciliation (or a notification just before): nothing applied again. */
    APPLIED_BEFORE,
    /** Another delivery for the order was being applied at that moment: left for a person (or the next notification). */
    FLAGGED_BUSY,
    /** Listed for a person; nothing changed. */
    FLAGGED
}
