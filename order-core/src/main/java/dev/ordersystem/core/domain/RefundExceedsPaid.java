package dev.ordersystem.core.domain;

/** The refund asked for more than what is left of the payment, or more of a product than the order has (40011, 409). */
public final class RefundExceedsPaid extends OrderSystemException {
    public RefundExceedsPaid(String detail) {
        super(ErrorCode.REFUND_EXCEEDS_PAID, detail);
    }
}
