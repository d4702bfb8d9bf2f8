package dev.ordersystem.core.port.provider;

import dev.ordersystem.core.domain.Money;

import java.time.Instant;
import java.util.Objects;

/**
 * One refund line of a provider's trade bill (DESIGN §14).
 *
 * @param providerTradeNo the refunded trade's provider number
 * @param outTradeNo      the refunded trade's merchant number
 * @param outRefundNo     the merchant's refund number (WeChat {@code 商户退款单号}, Alipay
 *                        {@code 退款批次号/请求号}, the {@code out_request_no})
 * @param amount          the money given back (WeChat {@code 申请退款金额}, Alipay the refund line's
 *                        {@code 商家实收（元）} without its minus sign)
 * @param refundedAt      when the provider took the refund
 * @param providerState   the refund's state in the provider's words ({@code SUCCESS}, {@code PROCESSING}, …;
 *                        Alipay's bill lists finished refunds only: {@code SUCCESS})
 */
public record BillRefund(String providerTradeNo, String outTradeNo, String outRefundNo, Money amount, Instant refundedAt,
                         String providerState) {
    public BillRefund {
        BillPayment.requireText(outTradeNo, "outTradeNo");
        BillPayment.requireText(outRefundNo, "outRefundNo");
        Objects.requireNonNull(providerTradeNo, "providerTradeNo");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(refundedAt, "refundedAt");
        Objects.requireNonNull(providerState, "providerState");
    }
}
