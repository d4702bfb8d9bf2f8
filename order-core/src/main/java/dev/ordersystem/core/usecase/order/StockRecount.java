package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.StockGate;
import dev.ordersystem.core.port.StockGate.Recount;
import dev.ordersystem.core.port.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * Sets the stock gate's count of a product from the database, the truth: freezes the product's
 * admissions, waits until the placements in flight have ended (so every order the gate let
 * through is committed or rolled back), reads the committed figure and hands it to the gate.
 * Run when a product is first seen, when the database refused units the gate let through, after
 * an admin adjustment, and periodically as the backstop for lost gate updates.
 */
public final class StockRecount {
    private static final Logger log = LoggerFactory.getLogger(StockRecount.class);
    /** Longer than a placement transaction normally takes, short enough for buyers to wait out. */
    static final Duration FREEZE = Duration.ofSeconds(2);
    private static final long DRAIN_LIMIT_NANOS = Duration.ofMillis(1_500).toNanos();

    private final Storage storage;
    private final StockGate gate;

    public StockRecount(Storage storage, StockGate gate) {
        this.storage = storage;
        this.gate = gate;
    }

    /** Re-counts {@code product}; false when another re-count runs, the drain timed out, or the gate refused the figure. */
    public boolean recount(ProductId product) {
        try {
            Optional<Recount> started = gate.beginRecount(product, FREEZE);
            if (started.isEmpty()) return false;
            Recount recount = started.get();
            boolean finished = false;
            try {
                if (!drained(product)) return false;
                long available = storage.transactions().inTransaction(() -> storage.stock().available(product));
                finished = gate.finishRecount(recount, available);
                return finished;
            } finally {
                if (!finished) gate.abandonRecount(recount);
            }
        } catch (RuntimeException e) {
            // The gate only ever counts too much until a later re-count: the database still decides.
            log.warn("re-count of product {} in the stock gate failed: {}", product, e.toString());
            return false;
        }
    }

    private boolean drained(ProductId product) {
        long deadline = System.nanoTime() + DRAIN_LIMIT_NANOS;
        while (gate.holdsInFlight(product) > 0) {
            if (System.nanoTime() > deadline) return false;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
