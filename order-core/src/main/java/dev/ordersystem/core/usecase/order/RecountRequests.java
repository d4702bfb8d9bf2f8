package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.ProductId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Re-counts that placements ask for (a product first seen, or units the gate let through that
 * the database lacked), run on a background thread: a re-count waits for the holds in flight
 * (up to 1.5 s), which no buyer should wait for. A product asked for while queued is re-counted
 * once; the thread ends when nothing is left to do.
 */
final class RecountRequests {
    private static final Logger log = LoggerFactory.getLogger(RecountRequests.class);

    private final StockRecount recount;
    private final Set<ProductId> requested = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean();

    RecountRequests(StockRecount recount) {
        this.recount = recount;
    }

    /** Queues {@code products} for a re-count and returns at once. */
    void request(Collection<ProductId> products) {
        if (products.isEmpty()) return;
        requested.addAll(products);
        startIfIdle();
    }

    private void startIfIdle() {
        if (running.compareAndSet(false, true)) Thread.ofVirtual().name("order-stock-recount").start(this::drain);
    }

    private void drain() {
        try {
            while (!requested.isEmpty()) {
                Iterator<ProductId> next = requested.iterator();
                if (!next.hasNext()) continue;
                ProductId product = next.next();
                next.remove();
                recount.recount(product); // logs and answers false on failure; the periodic re-count follows
            }
        } catch (Throwable e) {
            log.warn("requested stock re-counts stopped: {}", e.toString());
        } finally {
            running.set(false);
        }
        // A request added after the last check but before the flag fell found the thread still running.
        if (!requested.isEmpty()) startIfIdle();
    }
}
