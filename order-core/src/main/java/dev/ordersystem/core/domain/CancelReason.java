package dev.ordersystem.core.domain;

/** Who or what cancelled a pending order. */
public enum CancelReason {
    BY_USER, BY_ADMIN, PAYMENT_TIMEOUT
}
