package dev.ordersystem.http.sandbox;

import dev.ordersystem.core.domain.PaymentChannel;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The refunds the sandbox provider has made, in memory. Minimal on purpose: the sandbox's refund
 * API (DESIGN §14, {@code /v3/refund/domestic/refunds}, {@code alipay.trade.refund}) records each
 * refund it makes here, and tests plant refunds the shop never asked for; the bills list them.
 */
public final class SandboxRefundBook {
    private final List<SandboxRefund> refunds = new CopyOnWriteArrayList<>();

    public void record(SandboxRefund refund) {
        refunds.add(refund);
    }

    /** The channel's refunds made in {@code [from, to)}, oldest first. */
    public List<SandboxRefund> madeBetween(PaymentChannel channel, Instant from, Instant to) {
        return refunds.stream().filter(r -> r.channel() == channel && !r.refundedAt().isBefore(from) && r.refundedAt().isBefore(to))
                .sorted(Comparator.comparing(SandboxRefund::refundedAt)).toList();
    }
}
