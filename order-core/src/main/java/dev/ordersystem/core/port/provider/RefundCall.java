package dev.ordersystem.core.port.provider;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.RefundNo;

import java.util.Objects;

/**
 * One refund as a provider is asked for it (and about it): WeChat {@code POST /v3/refund/domestic/refunds}
 * / {@code GET …/refunds/{out_refund_no}}, Alipay {@code alipay.trade.refund} /
 * {@code alipay.trade.fastpay.refund.query}.
 *
 * @param refundNo the out_refund_no (WeChat {@code out_refund_no}, Alipay {@code out_request_no}): the same on every repeat
 * @param tradeNo  the provider's trade number of the payment (WeChat {@code transaction_id}, Alipay {@code trade_no})
 * @param amount   what goes back (WeChat {@code amount.refund}; Alipay {@code refund_amount}, in yuan)
 * @param total    what the payment took (WeChat {@code amount.total})
 * @param reason   shown to the payer (WeChat {@code reason}, Alipay {@code refund_reason}); may be empty
 */
public record RefundCall(PaymentChannel channel, RefundNo refundNo, String tradeNo, Money amount, Money total, String reason) {
    public RefundCall {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(refundNo, "refundNo");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(reason, "reason");
        if (tradeNo == null || tradeNo.isBlank()) throw new IllegalArgumentException("a refund names its trade");
        if (!amount.isPositive() || amount.compareTo(total) > 0) throw new IllegalArgumentException("refund must be 1..total");
    }
}
