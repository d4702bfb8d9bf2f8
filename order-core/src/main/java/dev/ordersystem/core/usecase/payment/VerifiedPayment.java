package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentChannel;

import java.time.Instant;
import java.util.Objects;

/**
 * A payment notification whose signature the edge has verified: the core trusts its fields
 * and never sees a signature.
 *
 * @param rawNotification what the provider sent (decrypted), kept with the record for audit
 */
public record VerifiedPayment(PaymentChannel channel, OrderNo orderNo, String tradeNo, Money amount,
                              Instant paidAt, String rawNotification) {
    public VerifiedPayment {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(amount, "amount");
        if (tradeNo == null || tradeNo.isBlank() || tradeNo.length() > 64) {
            throw new IllegalArgumentException("trade number must be 1..64 characters");
        }
    }
}
