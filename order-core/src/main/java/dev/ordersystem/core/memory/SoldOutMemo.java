package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.port.StockGate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers in this process, for a moment, what a shared {@link StockGate} (Redis) refused: while
 * a product's refusal of {@code q} units is fresh, any cart asking {@code q} or more of it is
 * answered sold out without a round trip. In a flash sale that is nearly every request after the
 * last unit. Refusing more than the gate would is always safe (nothing is oversold); the memo
 * only delays a sale of units that came back, by {@code window} at most: units that come back
 * through this process (restock, give back, re-count) make it forget the product at once, so
 * only a refusal racing their return, or a return through another instance, waits it out.
 */
public final class SoldOutMemo extends ForwardingStockGate {
    private final Clock clock;
    private final long windowMillis;
    /** Per product: the fewest units refused lately, and until when that answer stands. */
    private final ConcurrentHashMap<ProductId, Refusal> refusals = new ConcurrentHashMap<>();

    public SoldOutMemo(StockGate gate, Clock clock, Duration window) {
        super(gate);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (window == null || window.toMillis() < 1) throw new IllegalArgumentException("window must be at least 1 ms: " + window);
        this.windowMillis = window.toMillis();
    }

    @Override
    public Admission admit(OrderNo holder, List<StockLine> lines, Duration lease) {
        long now = clock.millis();
        for (StockLine line : lines) {
            Refusal refusal = refusals.get(line.productId());
            if (refusal != null && now < refusal.until && line.quantity() >= refusal.quantity) {
                return new Admission.SoldOut(line.productId());
            }
        }
        Admission admission = gate.admit(holder, lines, lease);
        if (admission instanceof Admission.SoldOut soldOut) remember(soldOut.product(), lines, now);
        return admission;
    }

    private void remember(ProductId product, List<StockLine> lines, long now) {
        long quantity = lines.stream().filter(l -> l.productId().equals(product)).mapToLong(StockLine::quantity).min().orElse(1);
        refusals.merge(product, new Refusal(quantity, now + windowMillis),
                (old, fresh) -> now < old.until && old.quantity < fresh.quantity ? new Refusal(old.quantity, fresh.until) : fresh);
    }

    @Override
    public void giveBack(OrderNo holder) {
        gate.giveBack(holder);
        // A hold names no products here; giving one back is rare (a refused placement), so forget all.
        refusals.clear();
    }

    @Override
    public void restock(List<StockLine> lines) {
        gate.restock(lines);
        lines.forEach(line -> refusals.remove(line.productId()));
    }

    @Override
    public boolean finishRecount(Recount recount, long available) {
        boolean applied = gate.finishRecount(recount, available);
        refusals.remove(recount.product());
        return applied;
    }

    private record Refusal(long quantity, long until) {
    }
}
