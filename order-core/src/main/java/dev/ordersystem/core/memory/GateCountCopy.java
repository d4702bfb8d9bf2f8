package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.port.StockGate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A copy in this process, for at most {@code maxAge}, of the counts a shared {@link StockGate}
 * (Redis) answered, so that product reads ({@link #count}, {@link #counts}) cost one round trip
 * per product, instance and {@code maxAge} instead of one per read. Everything else goes straight
 * to the gate; admissions never read the copy. A change made through this instance (admit,
 * restock, give back, re-count) drops the copies it touches at once, and a read that overlapped
 * it keeps nothing; a change made through another instance is seen here within {@code maxAge}.
 */
public final class GateCountCopy implements StockGate {
    /** More than the products a shop's buyers look at within one {@code maxAge}; past it the map starts afresh. */
    private static final int MAX_COPIES = 10_000;

    private final StockGate gate;
    private final Clock clock;
    private final long maxAgeMillis;
    /** Per product the count, or absent for "not counted", as read at {@code readAt}. */
    private final ConcurrentHashMap<ProductId, Copy> copies = new ConcurrentHashMap<>();
    /** Bumped by every change through this instance: a read that saw it move keeps nothing. */
    private final AtomicLong changes = new AtomicLong();

    public GateCountCopy(StockGate gate, Clock clock, Duration maxAge) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxAge == null || maxAge.toMillis() < 1) throw new IllegalArgumentException("maxAge must be at least 1 ms: " + maxAge);
        this.maxAgeMillis = maxAge.toMillis();
    }

    @Override
    public OptionalLong count(ProductId product) {
        Long count = counts(List.of(product)).get(product);
        return count == null ? OptionalLong.empty() : OptionalLong.of(count);
    }

    @Override
    public Map<ProductId, Long> counts(Collection<ProductId> products) {
        long now = clock.millis();
        Map<ProductId, Long> counts = new HashMap<>();
        List<ProductId> stale = new ArrayList<>();
        for (ProductId product : products) {
            Copy copy = copies.get(Objects.requireNonNull(product, "products must not hold null"));
            if (copy == null || now - copy.readAt >= maxAgeMillis) stale.add(product);
            else if (copy.count != null) counts.put(product, copy.count);
        }
        if (stale.isEmpty()) return counts;
        long seen = changes.get();
        Map<ProductId, Long> read = gate.counts(stale);
        counts.putAll(read);
        if (copies.size() >= MAX_COPIES) copies.clear();
        for (ProductId product : stale) {
            // Atomic with forget's compute on the same product: either it ran first and moved the
            // counter (nothing kept), or it runs after and drops this copy. The age counts from
            // before the read, so a copy is never older than maxAge.
            Copy fresh = new Copy(read.get(product), now);
            copies.compute(product, (key, old) -> changes.get() == seen ? fresh : old);
        }
        return counts;
    }

    @Override
    public Admission admit(OrderNo holder, List<StockLine> lines, Duration lease) {
        try {
            return gate.admit(holder, lines, lease);
        } finally {
            lines.forEach(line -> forget(line.productId()));
        }
    }

    @Override
    public void settle(OrderNo holder) {
        gate.settle(holder); // the units stay taken: no count changes
    }

    @Override
    public void settleAll(List<OrderNo> holders) {
        gate.settleAll(holders);
    }

    @Override
    public void giveBack(OrderNo holder) {
        try {
            gate.giveBack(holder);
        } finally {
            // A hold names no products here; giving one back is rare (a refused placement), so forget all.
            changes.incrementAndGet();
            copies.clear();
        }
    }

    @Override
    public void restock(List<StockLine> lines) {
        try {
            gate.restock(lines);
        } finally {
            lines.forEach(line -> forget(line.productId()));
        }
    }

    @Override
    public Optional<Recount> beginRecount(ProductId product, Duration freeze) {
        return gate.beginRecount(product, freeze);
    }

    @Override
    public int holdsInFlight(ProductId product) {
        return gate.holdsInFlight(product);
    }

    @Override
    public boolean finishRecount(Recount recount, long available) {
        try {
            return gate.finishRecount(recount, available);
        } finally {
            forget(recount.product());
        }
    }

    @Override
    public void abandonRecount(Recount recount) {
        gate.abandonRecount(recount);
    }

    @Override
    public List<OrderNo> expiredHolds(int limit) {
        return gate.expiredHolds(limit);
    }

    @Override
    public Set<ProductId> countedProducts() {
        return gate.countedProducts();
    }

    private void forget(ProductId product) {
        copies.compute(product, (key, old) -> {
            changes.incrementAndGet();
            return null;
        });
    }

    /** {@code count} null: the gate did not count the product. */
    private record Copy(Long count, long readAt) {
    }
}
