package dev.ordersystem.core.usecase.payment;

/** What applying one payment notification did (DESIGN §4.3). */
public enum PaymentOutcome {
    /** The pending order is now PAID. */
    PAID,
    /** This (channel, trade number) was applied before: acknowledged, nothing changed. */
    DUPLICATE,
    /** Amount differs from the order's pay amount: recorded as MISMATCH, order left as it was. */
    AMOUNT_MISMATCH,
    /** The order can no longer take money (cancelled, expired, paid already): recorded as REFUND_REQUIRED. */
    REFUND_REQUIRED,
    /** No such order: recorded as UNMATCHED for reconciliation. */
    UNMATCHED,
    /** Another delivery of a notification for this order is being applied right now: try again later. */
    BUSY;

    /** Whether the provider should be told the notification was received (and stop resending). */
    public boolean acknowledged() {
        return this != BUSY;
    }
}
