package dev.ordersystem.core.usecase.order;

/** What an expiry job found. */
public enum ExpiryOutcome {
    /** The order was pending and overdue: now cancelled, stock given back. */
    EXPIRED,
    /** The order is pending but its window has not closed yet (the job came early). */
    NOT_DUE,
    /** The order's open provider trade was paid: the payment is applied, the order is paid, not cancelled (DESIGN §13). */
    PAID_AT_PROVIDER,
    /** The order was paid or cancelled meanwhile: nothing to do. */
    SETTLED,
    /** No such order (a job outlived its order's data). */
    UNKNOWN_ORDER
}
