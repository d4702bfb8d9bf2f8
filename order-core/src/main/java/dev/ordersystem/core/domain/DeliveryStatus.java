package dev.ordersystem.core.domain;

/** Where a webhook delivery stands. */
public enum DeliveryStatus {
    /** waiting for its first or next attempt (or for an earlier event of its order) */
    PENDING,
    /** the receiver answered 2xx */
    DELIVERED,
    /** retried for the whole retry window (at least a day) without a 2xx; an admin may retry it */
    FAILED;

    public boolean settled() {
        return this != PENDING;
    }
}
