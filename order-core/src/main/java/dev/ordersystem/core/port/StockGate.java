package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockLine;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A count of sellable units per product kept in front of the database (DESIGN §11, the hot-product
 * path), so that sold-out answers never reach it. The database stays the truth: the gate may
 * count more than the database holds (the placement then fails there, as without a gate), but it
 * must never keep fewer for long. Every admission is recorded as a <em>hold</em> of the order
 * number with a lease; a hold whose placement never ends (a crash) is found by
 * {@link #expiredHolds} and settled or given back against the database.
 *
 * <p>Re-counting a product from the database freezes its admissions
 * ({@link Admission.Recounting}) until the holds in flight have ended, so the figure read from
 * the database can be taken as the gate's count.
 */
public interface StockGate {

    /**
     * Takes all lines of order {@code holder} or none and records the hold until {@code lease}
     * ends. Products the gate does not count yet are held uncounted (listed in the answer).
     */
    Admission admit(OrderNo holder, List<StockLine> lines, Duration lease);

    /** The order is committed: ends the hold, the units stay taken. No-op for an unknown hold. */
    void settle(OrderNo holder);

    /** As {@link #settle} for each order, in one call (a group of placements committed together). */
    default void settleAll(List<OrderNo> holders) {
        holders.forEach(this::settle);
    }

    /** The order was not written: ends the hold and gives its counted units back. No-op for an unknown hold. */
    void giveBack(OrderNo holder);

    /** Units came back in the database (cancel, refund, stock adjustment), after its commit. */
    void restock(List<StockLine> lines);

    /**
     * Freezes admissions of {@code product} for at most {@code freeze} to re-count it; empty while
     * another re-count of the product is running.
     */
    Optional<Recount> beginRecount(ProductId product, Duration freeze);

    /** How many holds of {@code product} are in flight (counted or not). */
    int holdsInFlight(ProductId product);

    /**
     * Sets the count of the re-counted product to {@code available} (read from the database after
     * the holds in flight reached zero) and lifts the freeze. Returns false, changing nothing but
     * the freeze, when the freeze has ended, a hold is in flight, or stock was restocked since
     * {@link #beginRecount}.
     */
    boolean finishRecount(Recount recount, long available);

    /** Lifts the freeze of a re-count that will not finish. */
    void abandonRecount(Recount recount);

    /** Up to {@code limit} holds whose lease has ended, oldest first. */
    List<OrderNo> expiredHolds(int limit);

    /** The products the gate counts. */
    Set<ProductId> countedProducts();

    /** The gate's count of {@code product}; empty when it does not count it (yet). */
    OptionalLong count(ProductId product);

    /**
     * The gate's counts of those of {@code products} it counts, in one call (a page of the
     * catalogue); a product it does not count has no entry. Empty when the gate's store is down.
     */
    Map<ProductId, Long> counts(Collection<ProductId> products);

    /** A running re-count; {@code token} tells it from a later one. */
    record Recount(ProductId product, String token) {
    }

    /** The answer to {@link #admit}. */
    sealed interface Admission {
        /** The hold is recorded; {@code uncounted} products were not counted by the gate (re-count them). */
        record Held(List<ProductId> uncounted) implements Admission {
        }

        /** Not enough units of {@code product}; nothing is held. */
        record SoldOut(ProductId product) implements Admission {
        }

        /** {@code product} is being re-counted; nothing is held; ask again in a moment. */
        record Recounting(ProductId product) implements Admission {
        }

        /** The gate's store cannot be reached; nothing is held and the database decides alone. */
        record Bypassed() implements Admission {
        }
    }
}
