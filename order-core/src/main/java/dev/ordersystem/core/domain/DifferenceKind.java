package dev.ordersystem.core.domain;

/** What a reconciliation found differing between a provider's bill and this shop's records (DESIGN §14). */
public enum DifferenceKind {
    /** Paid at the provider, no payment record here: a lost notification (applied). */
    PAID_ONLY_AT_PROVIDER,
    /** A payment record here of that day the provider's bill does not have. */
    RECORDED_ONLY_HERE,
    /** The bill's amount differs from the payment record's or from what the trade asked for. */
    AMOUNT_DIFFERS,
    /** A refund on the bill with no refund record here. */
    REFUND_ONLY_AT_PROVIDER,
    /** A refund done here that day the provider's bill does not have. */
    REFUND_ONLY_HERE,
    /** A refund on both sides with different amounts. */
    REFUND_AMOUNT_DIFFERS
}
