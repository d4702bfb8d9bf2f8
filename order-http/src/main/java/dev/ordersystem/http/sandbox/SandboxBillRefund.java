package dev.ordersystem.http.sandbox;

import dev.ordersystem.core.domain.PaymentChannel;

import java.time.Instant;
import java.util.Objects;

/**
 * One refund the sandbox provider made, as its bills list it (from {@link SandboxRefunds#billedBetween}).
 *
 * @param refundId     the provider's refund number (WeChat {@code refund_id}; Alipay has none of its own)
 * @param outRefundNo  the merchant's refund number (WeChat {@code out_refund_no}, Alipay {@code out_request_no})
 * @param orderMinor   what the refunded trade was paid
 */
public record SandboxBillRefund(PaymentChannel channel, String outTradeNo, String tradeNo, String outRefundNo, String refundId,
                            long amountMinor, long orderMinor, Instant refundedAt) {
    public SandboxBillRefund {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(tradeNo, "tradeNo");
        Objects.requireNonNull(outRefundNo, "outRefundNo");
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(refundedAt, "refundedAt");
        if (amountMinor <= 0) throw new IllegalArgumentException("a refund gives back a positive amount");
    }
}
