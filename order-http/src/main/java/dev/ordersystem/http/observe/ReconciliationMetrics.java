package dev.ordersystem.http.observe;

import dev.ordersystem.core.domain.DifferenceKind;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.Reconciliation;
import dev.ordersystem.core.domain.ReconciliationDifference;
import dev.ordersystem.core.usecase.payment.ReconciliationListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Locale;

/**
 * Reconciliation as metrics (DESIGN §14): {@code reconciliation.runs{channel, outcome=done|failed}}
 * counts runs that stored a report or could not get the bill; {@code
 * reconciliation.differences{channel, kind}} counts the differences they found.
 */
public final class ReconciliationMetrics implements ReconciliationListener {
    private final MeterRegistry registry;

    public ReconciliationMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (PaymentChannel channel : PaymentChannel.values()) {
            runs(channel, "done");
            runs(channel, "failed");
            for (DifferenceKind kind : DifferenceKind.values()) differences(channel, kind);
        }
    }

    @Override
    public void completed(Reconciliation reconciliation, List<ReconciliationDifference> found) {
        runs(reconciliation.channel(), "done").increment();
        for (ReconciliationDifference difference : found) differences(reconciliation.channel(), difference.kind()).increment();
    }

    @Override
    public void failed(PaymentChannel channel) {
        runs(channel, "failed").increment();
    }

    private Counter runs(PaymentChannel channel, String outcome) {
        return Counter.builder("reconciliation.runs").description("reconciliation runs of a provider's daily bill")
                .tag("channel", channel.name().toLowerCase(Locale.ROOT)).tag("outcome", outcome).register(registry);
    }

    private Counter differences(PaymentChannel channel, DifferenceKind kind) {
        return Counter.builder("reconciliation.differences").description("differences reconciliation found between a bill and the records")
                .tag("channel", channel.name().toLowerCase(Locale.ROOT)).tag("kind", kind.name().toLowerCase(Locale.ROOT)).register(registry);
    }
}
