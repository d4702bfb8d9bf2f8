package dev.ordersystem.core.domain;

/** Where a refund stands (DESIGN §14): recorded before the provider call, then settled one way. */
public enum RefundState {
    /** Recorded; the provider was not asked yet, is working on it (WeChat {@code PROCESSING}) or could not be heard. */
    PENDING,
    /** The money went back to the payer. */
    SUCCEEDED,
    /** The provider refused or gave up ({@code ABNORMAL}, {@code CLOSED}, an error code): the money stays, the reason is kept. */
    FAILED;

    public boolean isSettled() {
        return this != PENDING;
    }
}
