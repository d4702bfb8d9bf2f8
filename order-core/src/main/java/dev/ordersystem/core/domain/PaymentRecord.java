package dev.ordersystem.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A payment reported by a channel. Unique on (channel, tradeNo): the same notification delivered
 * twice is recorded once. {@code rawNotification} keeps what the provider sent, for audit.
 */
public record PaymentRecord(
        PaymentChannel channel,
        String tradeNo,
        OrderNo orderNo,
        Money amount,
        Instant paidAt,
        PaymentStatus status,
        String rawNotification,
        Instant recordedAt) {

    public PaymentRecord {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(tradeNo, "tradeNo");
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
    }

    public PaymentRecord withStatus(PaymentStatus newStatus) {
        return new PaymentRecord(channel, tradeNo, orderNo, amount, paidAt, newStatus, rawNotification, recordedAt);
    }
}
