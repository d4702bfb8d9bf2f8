package dev.ordersystem.core.usecase.order;

/** What an expiry job found. */
public enum ExpiryOutcome {
    /** The order was pending and overdue: now cancelled, stock given back. */
    EXPIRED,
    /** The order is pending but its window has not closed yet (the job came early). */
    NOT_DUE,
    /** The order was paid or cancelled meanwhile: nothing to do. */
    SETTLED,
    /** No such order (a job outlived its order's data). */
    UNKNOWN_ORDER
}
