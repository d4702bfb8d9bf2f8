package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.port.StockGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A copy in this process of the counts a shared {@link StockGate} (Redis) answered, so that
 * product reads ({@link #count}, {@link #counts}) do not cost a round trip each. A copy older than
 * {@code refreshAfter} is still answered while one background read replaces it, so a hot product's
 * readers never wait for Redis; a copy {@code maxAge} old is never answered (the read then waits
 * for Redis), which bounds how late another instance's change shows here. A change made through
 * this instance (admit, restock, give back, re-count) drops the copies it touches at once, and a
 * read that overlapped it keeps nothing. Admissions never read the copy.
 */
public final class GateCountCopy extends ForwardingStockGate {
    private static final Logger log = LoggerFactory.getLogger(GateCountCopy.class);
    /** More than the products a shop's buyers look at within one {@code maxAge}; past it the map starts afresh. */
    private static final int MAX_COPIES = 10_000;

    private final Clock clock;
    private final long refreshAfterMillis;
    private final long maxAgeMillis;
    private final Executor refresher;
    /** Per product the count, or absent for "not counted", as read at {@code readAt}. */
    private final ConcurrentHashMap<ProductId, Copy> copies = new ConcurrentHashMap<>();
    /** The products a background read is running for. */
    private final Set<ProductId> refreshing = ConcurrentHashMap.newKeySet();
    /** Bumped by every change through this instance: a read that saw it move keeps nothing. */
    private final AtomicLong changes = new AtomicLong();

    /** Background reads on virtual threads of their own. */
    public GateCountCopy(StockGate gate, Clock clock, Duration refreshAfter, Duration maxAge) {
        this(gate, clock, refreshAfter, maxAge, task -> Thread.ofVirtual().name("gate-count-refresh").start(task));
    }

    public GateCountCopy(StockGate gate, Clock clock, Duration refreshAfter, Duration maxAge, Executor refresher) {
        super(gate);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        if (refreshAfter == null || refreshAfter.toMillis() < 1) throw new IllegalArgumentException("refreshAfter must be at least 1 ms: " + refreshAfter);
        if (maxAge == null || maxAge.compareTo(refreshAfter) <= 0) throw new IllegalArgumentException("maxAge must be longer than refreshAfter: " + maxAge);
        this.refreshAfterMillis = refreshAfter.toMillis();
        this.maxAgeMillis = maxAge.toMillis();
    }

    @Override
    public OptionalLong count(ProductId product) {
        // A product page's read: a fresh copy answers without building collections (P3's hot path).
        Copy copy = copies.get(Objects.requireNonNull(product, "product"));
        long age = copy == null ? Long.MAX_VALUE : clock.millis() - copy.readAt;
        Long count = age < refreshAfterMillis ? copy.count : counts(List.of(product)).get(product);
        return count == null ? OptionalLong.empty() : OptionalLong.of(count);
    }

    @Override
    public Map<ProductId, Long> counts(Collection<ProductId> products) {
        long now = clock.millis();
        Map<ProductId, Long> counts = new HashMap<>();
        List<ProductId> missing = new ArrayList<>();
        List<ProductId> ageing = new ArrayList<>();
        for (ProductId product : products) {
            Copy copy = copies.get(Objects.requireNonNull(product, "products must not hold null"));
            long age = copy == null ? Long.MAX_VALUE : now - copy.readAt;
            if (age >= maxAgeMillis) {
                missing.add(product);
                continue;
            }
            if (copy.count != null) counts.put(product, copy.count);
            if (age >= refreshAfterMillis) ageing.add(product);
        }
        if (!missing.isEmpty()) counts.putAll(read(missing, now));
        if (!ageing.isEmpty()) refreshInBackground(ageing);
        return counts;
    }

    /** Reads {@code products} from the gate and keeps the answers, unless a change through this instance overlapped. */
    private Map<ProductId, Long> read(List<ProductId> products, long now) {
        long seen = changes.get();
        Map<ProductId, Long> read = gate.counts(products);
        if (copies.size() >= MAX_COPIES) copies.clear();
        for (ProductId product : products) {
            // Atomic with forget's compute on the same product: either it ran first and moved the
            // counter (nothing kept), or it runs after and drops this copy. The age counts from
            // before the read, so a copy is never older than it says.
            Copy fresh = new Copy(read.get(product), now);
            copies.compute(product, (key, old) -> changes.get() == seen ? fresh : old);
        }
        return read;
    }

    private void refreshInBackground(List<ProductId> ageing) {
        List<ProductId> mine = ageing.stream().filter(refreshing::add).toList();
        if (mine.isEmpty()) return;
        try {
            refresher.execute(() -> {
                try {
                    read(mine, clock.millis());
                } catch (RuntimeException e) {
                    // The copies age on; past maxAge a reader reads the gate itself.
                    log.debug("background read of the stock gate's counts failed: {}", e.toString());
                } finally {
                    mine.forEach(refreshing::remove);
                }
            });
        } catch (RuntimeException e) {
            mine.forEach(refreshing::remove);
            log.debug("background read of the stock gate's counts not started: {}", e.toString());
        }
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
    public boolean finishRecount(Recount recount, long available) {
        try {
            return gate.finishRecount(recount, available);
        } finally {
            forget(recount.product());
        }
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
