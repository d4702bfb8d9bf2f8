package dev.ordersystem.core.usecase.catalogue;

import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.StockGate;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.usecase.order.StockRecount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The {@code available} a product read shows (detail and list alike): the stock gate's count,
 * which every placement, cancel, expiry, refund and adjustment moves (DESIGN §11, docs/STOCK-GATE.md).
 * It is the units a buyer can still get: units held by placements in flight are already taken
 * from it (they come back if the placement fails), so while a sale's last units are being written
 * it shows none left, as the gate answers. A product the gate does not count (not yet, or its
 * store is down) shows the committed figure of the database, copied here for at most
 * {@code uncountedCopyAge} so that reads of it cost no database read per request; each such read
 * also has the product re-counted in the background, so the gate counts it from then on.
 */
public final class AvailableStock {
    /** Long enough to spare the database under a read storm, short enough to keep the shown figure within a second. */
    public static final Duration UNCOUNTED_COPY_AGE = Duration.ofMillis(500);
    /** More than the products a shop's buyers look at within one copy age; past it the map starts afresh. */
    private static final int MAX_COPIES = 10_000;
    private static final Logger log = LoggerFactory.getLogger(AvailableStock.class);

    private final Storage storage;
    private final StockGate gate;
    private final StockRecount recount;
    private final Clock clock;
    private final long copyMillis;
    private final Executor background;
    private final ConcurrentHashMap<ProductId, Copy> uncounted = new ConcurrentHashMap<>();
    private final Set<ProductId> recounting = ConcurrentHashMap.newKeySet();

    /** Re-counts on virtual threads of their own. */
    public AvailableStock(Storage storage, StockGate gate, StockRecount recount, Clock clock, Duration uncountedCopyAge) {
        this(storage, gate, recount, clock, uncountedCopyAge, task -> Thread.ofVirtual().name("stock-recount-on-read").start(task));
    }

    public AvailableStock(Storage storage, StockGate gate, StockRecount recount, Clock clock, Duration uncountedCopyAge,
                          Executor background) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.recount = Objects.requireNonNull(recount, "recount");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.background = Objects.requireNonNull(background, "background");
        if (uncountedCopyAge == null || uncountedCopyAge.toMillis() < 1) {
            throw new IllegalArgumentException("uncountedCopyAge must be at least 1 ms: " + uncountedCopyAge);
        }
        this.copyMillis = uncountedCopyAge.toMillis();
    }

    /** What to show for {@code product}, which has a stock row. */
    public long of(ProductId product) {
        // A product page's read: a counted product answers without building collections (P3's hot path).
        OptionalLong counted = count(product);
        if (counted.isPresent()) return Math.max(0, counted.getAsLong());
        return of(List.of(product)).get(product);
    }

    /** What to show for each of {@code products} (each with a stock row), in one gate call. */
    public Map<ProductId, Long> of(List<ProductId> products) {
        Map<ProductId, Long> shown = new HashMap<>();
        if (products.isEmpty()) return shown;
        Map<ProductId, Long> counted = counts(products);
        long now = clock.millis();
        List<ProductId> toRead = new ArrayList<>();
        for (ProductId product : new LinkedHashSet<>(products)) {
            Long count = counted.get(product);
            if (count != null) {
                // Never below zero on a page, even if a gate that lost an update counts so for a moment.
                shown.put(product, Math.max(0, count));
                continue;
            }
            Copy copy = uncounted.get(product);
            if (copy != null && now < copy.until) shown.put(product, copy.available);
            else toRead.add(product);
        }
        if (!toRead.isEmpty()) {
            Map<ProductId, Long> committed = storage.transactions().inTransaction(() -> {
                Map<ProductId, Long> read = new HashMap<>();
                toRead.forEach(product -> read.put(product, storage.stock().available(product)));
                return read;
            });
            if (uncounted.size() >= MAX_COPIES) uncounted.clear();
            // The copy's age counts from before the read, so it is never older than copyMillis.
            committed.forEach((product, available) -> uncounted.put(product, new Copy(available, now + copyMillis)));
            shown.putAll(committed);
            toRead.forEach(this::recountInBackground);
        }
        return shown;
    }

    /** Has the gate count {@code product} (the figure of the database once its placements in flight ended). */
    private void recountInBackground(ProductId product) {
        if (!recounting.add(product)) return;
        try {
            background.execute(() -> {
                try {
                    recount.recount(product); // logs and answers false when it cannot
                } finally {
                    recounting.remove(product);
                }
            });
        } catch (RuntimeException e) {
            recounting.remove(product);
            log.debug("re-count of product {} not started: {}", product, e.toString());
        }
    }

    private OptionalLong count(ProductId product) {
        try {
            return gate.count(product);
        } catch (RuntimeException e) {
            return OptionalLong.empty(); // of(List) below tries the gate once more and logs
        }
    }

    private Map<ProductId, Long> counts(List<ProductId> products) {
        try {
            return gate.counts(products);
        } catch (RuntimeException e) {
            log.warn("stock gate counts of {} not read; showing the database's figures: {}", products, e.toString());
            return Map.of();
        }
    }

    private record Copy(long available, long until) {
    }
}
