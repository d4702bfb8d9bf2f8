package dev.ordersystem.core.domain;

/** Raised by {@code PaymentRecords} when (channel, trade number) is recorded already. */
public final class DuplicatePaymentRecord extends OrderSystemException {
    public DuplicatePaymentRecord(PaymentChannel channel, String tradeNo) {
        super(ErrorCode.DUPLICATE_SUBMISSION, "payment " + channel + "/" + tradeNo + " is recorded already");
    }
}
