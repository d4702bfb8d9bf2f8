package dev.ordersystem.http.observe;

import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.usecase.order.PlacedOrder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;

/** Business counters seen from the API: orders placed (and replays), cancelled, stock conflicts (40002). */
public final class ShopMetrics {
    private final MeterRegistry registry;
    private final Counter stockConflicts;
    private final Map<PaymentMethod, Counter> placed = new EnumMap<>(PaymentMethod.class);
    private final Map<PaymentMethod, Counter> replayed = new EnumMap<>(PaymentMethod.class);

    public ShopMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.stockConflicts = Counter.builder("orders.stock.conflicts")
                .description("placements refused for insufficient stock (40002)").register(registry);
        // Registered once: looking a meter up by its tags on every order costs more than the count.
        for (PaymentMethod method : PaymentMethod.values()) {
            placed.put(method, Counter.builder("orders.placed").description("orders placed")
                    .tag("method", method.name()).register(registry));
            replayed.put(method, Counter.builder("orders.replayed")
                    .description("placements answered with the earlier order of their Idempotency-Key (not counted as placed)")
                    .tag("method", method.name()).register(registry));
        }
    }

    /** A placement: a new order counts as placed, a replay of an earlier one (same Idempotency-Key) as replayed. */
    public void placed(PlacedOrder placement) {
        Map<PaymentMethod, Counter> counters = placement.origin() == PlacedOrder.Origin.WRITTEN ? placed : replayed;
        counters.get(placement.order().paymentMethod()).increment();
    }

    public void cancelled(String by) {
        Counter.builder("orders.cancelled").description("orders cancelled through the API").tag("by", by)
                .register(registry).increment();
    }

    /** An admin's refund recorded: {@code refunds_requested_total{method, state}}, state as the first answer left it. */
    public void refunded(dev.ordersystem.core.domain.Refund refund) {
        Counter.builder("refunds.requested").description("refunds recorded by admins, by payment method and first state")
                .tag("method", refund.method().name()).tag("state", refund.state().name()).register(registry).increment();
    }

    public void stockConflict() {
        stockConflicts.increment();
    }
}
