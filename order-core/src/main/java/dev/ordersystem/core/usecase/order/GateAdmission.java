package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.DuplicateSubmission;
import dev.ordersystem.core.domain.InsufficientStock;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.IdempotencyGuard;
import dev.ordersystem.core.port.IdempotencyGuard.Lease;
import dev.ordersystem.core.port.StockGate;
import dev.ordersystem.core.port.StockGate.Admission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The placement's side of the fast path in front of the database (docs/STOCK-GATE.md): before
 * the transaction, admission at the stock gate (waiting out a re-count) and, for a cart sent
 * without an {@code Idempotency-Key}, the short per-cart duplicate guard; after it, the hold
 * settled (committed) or given back with the guard released (refused), and the re-counts the
 * placement showed a need for, run in the background. A gate that fails lets the placement
 * through to the database, which decides alone.
 */
public final class GateAdmission {
    private static final Logger log = LoggerFactory.getLogger(GateAdmission.class);
    /** A re-count freezes a product for at most {@link StockRecount#FREEZE}; waiting longer means something is wrong. */
    private static final long RECOUNT_WAIT_NANOS = StockRecount.FREEZE.plusSeconds(1).toNanos();

    private final StockGate gate;
    private final IdempotencyGuard guard;
    private final RecountRequests recounts;
    private final Duration lease;
    private final Duration duplicateWindow;

    public GateAdmission(StockGate gate, IdempotencyGuard guard, StockRecount recount, Duration lease, Duration duplicateWindow) {
        this.gate = gate;
        this.guard = guard;
        this.recounts = new RecountRequests(recount);
        this.lease = lease;
        this.duplicateWindow = duplicateWindow;
    }

    /**
     * Admits the cart under {@code orderNo}: its units held at the gate and, without a key, the
     * cart's guard taken. Refuses a sold-out cart ({@link InsufficientStock}, one gate call and
     * nothing else) and the same cart sent again within the window ({@link DuplicateSubmission},
     * hold given back).
     */
    Placement admit(OrderNo orderNo, PlaceOrderCommand command, Cart cart, String fingerprint) {
        Admission admission = admit(orderNo, cart);
        // The gate's refusal knows neither the name nor the count (one script, nothing else): the caller may ask the catalogue.
        if (admission instanceof Admission.SoldOut soldOut) throw InsufficientStock.unnamed(soldOut.product());
        try {
            return new Placement(orderNo, command, cart, fingerprint, admission, submitGuard(command, fingerprint));
        } catch (RuntimeException refused) {
            giveBack(orderNo, admission, refused);
            throw refused;
        }
    }

    /** Without a key, the same cart from the same user within the window is a duplicate (DESIGN §4.2). */
    private Optional<Lease> submitGuard(PlaceOrderCommand command, String fingerprint) {
        if (command.idempotencyKey().isPresent()) return Optional.empty(); // the key, stored with the order, guards instead
        Optional<Lease> lease = guard.tryAcquire("submit:" + command.userId().value() + ":" + fingerprint, duplicateWindow);
        if (lease.isEmpty()) {
            throw new DuplicateSubmission("the same cart was submitted less than " + duplicateWindow.toSeconds() + " s ago");
        }
        return lease;
    }

    /** The placements' orders are committed: their holds end in one gate call, the units stay taken. */
    void settle(List<Placement> committed) {
        try {
            gate.settleAll(committed.stream().map(Placement::orderNo).toList());
        } catch (RuntimeException e) {
            log.warn("stock gate holds of {} orders not settled; their leases will end them: {}", committed.size(), e.toString());
        }
        Set<ProductId> uncounted = new LinkedHashSet<>();
        committed.forEach(placement -> uncounted.addAll(uncounted(placement.admission())));
        recounts.request(uncounted);
    }

    /** Nothing was written for {@code placement}: its units go back to the gate and its cart may be sent again at once. */
    void giveBack(Placement placement, Throwable refusal) {
        placement.submitGuard().ifPresent(guard::release);
        giveBack(placement.orderNo(), placement.admission(), refusal);
    }

    private void giveBack(OrderNo orderNo, Admission admission, Throwable refusal) {
        try {
            gate.giveBack(orderNo);
        } catch (RuntimeException e) {
            log.warn("stock gate hold of order {} not given back; its lease will end it: {}", orderNo, e.toString());
        }
        // Asked for after the hold ended (a re-count waits for holds), and run off the buyer's request.
        Set<ProductId> toRecount = new LinkedHashSet<>(uncounted(admission));
        if (refusal instanceof InsufficientStock shortInDatabase && admission instanceof Admission.Held) {
            toRecount.add(shortInDatabase.productId()); // the gate let through units the database does not have
        }
        recounts.request(toRecount);
    }

    private static List<ProductId> uncounted(Admission admission) {
        return admission instanceof Admission.Held held ? held.uncounted() : List.of();
    }

    private Admission admit(OrderNo orderNo, Cart cart) {
        long deadline = System.nanoTime() + RECOUNT_WAIT_NANOS;
        try {
            Admission admission = gate.admit(orderNo, cart.lines(), lease);
            // A re-count waits for the placements in flight (a few ms); back off so waiting buyers do not crowd the gate.
            for (long pause = 2; admission instanceof Admission.Recounting && System.nanoTime() < deadline;
                 pause = Math.min(pause * 2, 25)) {
                Thread.sleep(pause);
                admission = gate.admit(orderNo, cart.lines(), lease);
            }
            return admission instanceof Admission.Recounting ? new Admission.Bypassed() : admission;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Admission.Bypassed();
        } catch (RuntimeException e) {
            log.warn("stock gate admission of order {} failed; the database decides alone: {}", orderNo, e.toString());
            return new Admission.Bypassed();
        }
    }
}
