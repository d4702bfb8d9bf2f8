package dev.ordersystem.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A refund as this shop recorded it, as far as reconciliation needs it (the {@code refund} table's
 * row, DESIGN §14): its number, channel, amount and whether the provider took it.
 *
 * @param succeededAt when it ended SUCCEEDED (reconciliation compares the refunds of the bill's day)
 */
public record LocalRefund(String outRefundNo, PaymentChannel channel, OrderNo orderNo, Money amount, LocalRefundState state,
                          Optional<Instant> succeededAt) {
    public LocalRefund {
        if (outRefundNo == null || outRefundNo.isBlank()) throw new IllegalArgumentException("outRefundNo is required");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(succeededAt, "succeededAt");
    }

    /** The refund states reconciliation tells apart: PENDING, SUCCEEDED, FAILED (DESIGN §14). */
    public enum LocalRefundState { PENDING, SUCCEEDED, FAILED }
}
