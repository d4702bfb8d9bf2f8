package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.LocalRefund;
import dev.ordersystem.core.domain.PaymentChannel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * This shop's refunds as reconciliation reads them (DESIGN §14): narrow on purpose, so the store
 * of refunds (the {@code refund} table) can answer it without reconciliation knowing more.
 */
public interface LocalRefunds {

    Optional<LocalRefund> find(String outRefundNo);

    /** The channel's refunds that ended SUCCEEDED in {@code [from, to)}. */
    List<LocalRefund> succeededBetween(PaymentChannel channel, Instant from, Instant to);
}
