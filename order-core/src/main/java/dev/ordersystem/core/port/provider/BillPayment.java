package dev.ordersystem.core.port.provider;

import dev.ordersystem.core.domain.Money;

import java.time.Instant;
import java.util.Objects;

/**
 * One payment line of a provider's trade bill (DESIGN §14): a trade the provider says was paid on
 * the bill's day.
 *
 * @param providerTradeNo WeChat {@code 微信订单号} (transaction_id), Alipay {@code 支付宝交易号} (trade_no)
 * @param outTradeNo      the merchant's number as the bill writes it ({@code 商户订单号}); kept as text,
 *                        because a bill may carry trades this shop did not start
 * @param amount          what the buyer paid (WeChat {@code 订单金额}, Alipay {@code 订单金额（元）})
 * @param paidAt          when the provider says it was paid
 */
public record BillPayment(String providerTradeNo, String outTradeNo, Money amount, Instant paidAt) {
    public BillPayment {
        requireText(providerTradeNo, "providerTradeNo");
        requireText(outTradeNo, "outTradeNo");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(paidAt, "paidAt");
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " is required");
    }
}
