package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.port.StockGate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The {@link StockGate} of one process, with the semantics of the Redis one (its Lua scripts):
 * per product a count (absent until the first re-count), the holds in flight, a restock sequence
 * and an optional freeze; per hold its lines, each marked counted or not, and its lease. One lock
 * guards everything, as one script runs at a time in Redis.
 */
public final class InMemoryStockGate implements StockGate {
    private final Map<ProductId, Counter> counters = new HashMap<>();
    private final Map<OrderNo, Hold> holds = new HashMap<>();
    private final Clock clock;

    public InMemoryStockGate(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized Admission admit(OrderNo holder, List<StockLine> lines, Duration lease) {
        Instant now = clock.instant();
        if (holds.containsKey(holder)) throw new IllegalStateException("order " + holder + " already holds stock");
        List<ProductId> uncounted = new ArrayList<>();
        Map<ProductId, Long> wanted = new LinkedHashMap<>(); // two lines of one product are checked together
        lines.forEach(line -> wanted.merge(line.productId(), (long) line.quantity(), Long::sum));
        for (Map.Entry<ProductId, Long> want : wanted.entrySet()) {
            Counter counter = counter(want.getKey());
            if (counter.frozenAt(now)) return new Admission.Recounting(want.getKey());
            if (counter.count == null) {
                if (!uncounted.contains(want.getKey())) uncounted.add(want.getKey());
            } else if (counter.count < want.getValue()) {
                return new Admission.SoldOut(want.getKey());
            }
        }
        List<HeldLine> held = new ArrayList<>();
        for (StockLine line : lines) {
            Counter counter = counter(line.productId());
            boolean counted = counter.count != null;
            if (counted) counter.count -= line.quantity();
            counter.inFlight++;
            held.add(new HeldLine(line, counted));
        }
        holds.put(holder, new Hold(held, now.plus(lease)));
        return new Admission.Held(List.copyOf(uncounted));
    }

    @Override
    public synchronized void settle(OrderNo holder) {
        end(holder, false);
    }

    @Override
    public synchronized void giveBack(OrderNo holder) {
        end(holder, true);
    }

    private void end(OrderNo holder, boolean returnUnits) {
        Hold hold = holds.remove(holder);
        if (hold == null) return;
        for (HeldLine line : hold.lines) {
            Counter counter = counter(line.line.productId());
            counter.inFlight--;
            // Units held uncounted were never taken from the count, so there is nothing to return.
            if (returnUnits && line.counted && counter.count != null) counter.count += line.line.quantity();
        }
    }

    @Override
    public synchronized void restock(List<StockLine> lines) {
        for (StockLine line : lines) {
            Counter counter = counter(line.productId());
            if (counter.count != null) counter.count += line.quantity();
            counter.restocks++;
        }
    }

    @Override
    public synchronized Optional<Recount> beginRecount(ProductId product, Duration freeze) {
        Instant now = clock.instant();
        Counter counter = counter(product);
        if (counter.frozenAt(now)) return Optional.empty();
        counter.freezeToken = UUID.randomUUID().toString();
        counter.frozenUntil = now.plus(freeze);
        counter.restocksAtFreeze = counter.restocks;
        return Optional.of(new Recount(product, counter.freezeToken));
    }

    @Override
    public synchronized int holdsInFlight(ProductId product) {
        Counter counter = counters.get(product);
        return counter == null ? 0 : counter.inFlight;
    }

    @Override
    public synchronized boolean finishRecount(Recount recount, long available) {
        Counter counter = counter(recount.product());
        boolean mine = recount.token().equals(counter.freezeToken) && counter.frozenAt(clock.instant());
        boolean applies = mine && counter.inFlight == 0 && counter.restocks == counter.restocksAtFreeze;
        if (applies) counter.count = available;
        if (recount.token().equals(counter.freezeToken)) counter.freezeToken = null;
        return applies;
    }

    @Override
    public synchronized void abandonRecount(Recount recount) {
        Counter counter = counter(recount.product());
        if (recount.token().equals(counter.freezeToken)) counter.freezeToken = null;
    }

    @Override
    public synchronized List<OrderNo> expiredHolds(int limit) {
        Instant now = clock.instant();
        return holds.entrySet().stream()
                .filter(entry -> !entry.getValue().leaseEnds.isAfter(now))
                .sorted(Comparator.comparing((Map.Entry<OrderNo, Hold> entry) -> entry.getValue().leaseEnds)
                        .thenComparing(Map.Entry::getKey))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }

    @Override
    public synchronized Set<ProductId> countedProducts() {
        Set<ProductId> counted = new TreeSet<>();
        counters.forEach((product, counter) -> {
            if (counter.count != null) counted.add(product);
        });
        return counted;
    }

    @Override
    public synchronized OptionalLong count(ProductId product) {
        Counter counter = counters.get(product);
        return counter == null || counter.count == null ? OptionalLong.empty() : OptionalLong.of(counter.count);
    }

    @Override
    public synchronized Map<ProductId, Long> counts(Collection<ProductId> products) {
        Map<ProductId, Long> counts = new HashMap<>();
        for (ProductId product : products) {
            Counter counter = counters.get(Objects.requireNonNull(product, "products must not hold null"));
            if (counter != null && counter.count != null) counts.put(product, counter.count);
        }
        return counts;
    }

    private Counter counter(ProductId product) {
        return counters.computeIfAbsent(product, p -> new Counter());
    }

    private static final class Counter {
        Long count;
        int inFlight;
        long restocks;
        long restocksAtFreeze;
        String freezeToken;
        Instant frozenUntil = Instant.MIN;

        boolean frozenAt(Instant now) {
            return freezeToken != null && now.isBefore(frozenUntil);
        }
    }

    private record HeldLine(StockLine line, boolean counted) {
    }

    private record Hold(List<HeldLine> lines, Instant leaseEnds) {
    }
}
