package dev.ordersystem.http.observe;

import dev.ordersystem.core.domain.PaymentMethod;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;

/** Business counters seen from the API: orders placed and cancelled, stock conflicts (40002). */
public final class ShopMetrics {
    private final MeterRegistry registry;
    private final Counter stockConflicts;
    private final Map<PaymentMethod, Counter> placed = new EnumMap<>(PaymentMethod.class);

    public ShopMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.stockConflicts = Counter.builder("orders.stock.conflicts")
                .description("placements refused for insufficient stock (40002)").register(registry);
        // Registered once: looking a meter up by its tags on every order costs more than the count.
        for (PaymentMethod method : PaymentMethod.values()) {
            placed.put(method, Counter.builder("orders.placed").description("orders placed")
                    .tag("method", method.name()).register(registry));
        }
    }

    public void placed(PaymentMethod method) {
        placed.get(method).increment();
    }

    public void cancelled(String by) {
        Counter.builder("orders.cancelled").description("orders cancelled through the API").tag("by", by)
                .register(registry).increment();
    }

    public void stockConflict() {
        stockConflicts.increment();
    }
}
