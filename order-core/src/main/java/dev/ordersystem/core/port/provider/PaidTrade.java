package dev.ordersystem.core.port.provider;

import dev.ordersystem.core.domain.Money;

import java.time.Instant;
import java.util.Objects;

/**
 * A paid trade as the provider reports it on a query: applied exactly like a payment
 * notification (DESIGN §13), so it carries what a notification carries.
 *
 * @param tradeNo     the provider's trade number (WeChat {@code transaction_id}, Alipay {@code trade_no}),
 *                    the payment record's key with the channel
 * @param amount      what the buyer paid, minor units and currency
 * @param paidAt      when (WeChat {@code success_time}, Alipay {@code send_pay_date})
 * @param rawResponse the verified response body, kept with the payment record for audit
 */
public record PaidTrade(String tradeNo, Money amount, Instant paidAt, String rawResponse) {
    public PaidTrade {
        if (tradeNo == null || tradeNo.isBlank() || tradeNo.length() > 64) {
            throw new IllegalArgumentException("trade number must be 1..64 characters");
        }
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(paidAt, "paidAt");
        Objects.requireNonNull(rawResponse, "rawResponse");
    }
}
