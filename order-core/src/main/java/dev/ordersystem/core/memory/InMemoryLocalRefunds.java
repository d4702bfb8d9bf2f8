package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.LocalRefund;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.port.LocalRefunds;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refunds in memory, as reconciliation reads them: for tests and for a shop without refund storage
 * yet (the {@code refund} table's adapter replaces it once refunds are stored, DESIGN §14).
 */
public final class InMemoryLocalRefunds implements LocalRefunds {
    private final Map<String, LocalRefund> refunds = new ConcurrentHashMap<>();

    /** Records {@code refund} (or its newer state). */
    public void put(LocalRefund refund) {
        refunds.put(refund.outRefundNo(), refund);
    }

    @Override
    public Optional<LocalRefund> find(String outRefundNo) {
        return Optional.ofNullable(refunds.get(outRefundNo));
    }

    @Override
    public List<LocalRefund> succeededBetween(PaymentChannel channel, Instant from, Instant to) {
        return refunds.values().stream()
                .filter(r -> r.channel() == channel && r.state() == LocalRefund.LocalRefundState.SUCCEEDED)
                .filter(r -> r.succeededAt().filter(at -> !at.isBefore(from) && at.isBefore(to)).isPresent())
                .toList();
    }
}
