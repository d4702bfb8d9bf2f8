package dev.ordersystem.core;

/** {@code ORDER_LATE_PAYMENT_REFUND}: whether a late payment goes back through its provider by itself (DESIGN §14). */
public enum LatePaymentRefund {
    /** The refund job refunds every REFUND_REQUIRED payment whose channel has a provider. */
    AUTO,
    /** Late payments wait in the admin's list; a person refunds them. */
    MANUAL
}
