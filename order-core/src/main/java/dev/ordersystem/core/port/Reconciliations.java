package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.Reconciliation;
import dev.ordersystem.core.domain.ReconciliationDifference;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The reconciliation reports ({@code reconciliation}, {@code reconciliation_difference}, DESIGN
 * §14) and the one read of payment records reconciliation needs. A report is unique on (channel,
 * bill date): the row is also the claim that lets one instance of many run a day's comparison.
 */
public interface Reconciliations {

    /** What claiming a channel's day came to. */
    sealed interface Claim permits Claimed, Held {
    }

    /** This runner holds it now (a new RUNNING row, or a stale RUNNING one taken over). */
    record Claimed(Reconciliation reconciliation) implements Claim {
    }

    /** Someone has it: DONE, or RUNNING under a claim newer than the stale limit. */
    record Held(Reconciliation reconciliation) implements Claim {
    }

    /**
     * Claims (channel, billDate) for {@code runner} at {@code now}: creates it RUNNING, or takes over
     * a RUNNING one started before {@code staleBefore} (its runner is gone). Atomic across instances
     * sharing the store: of two claims at once, one is {@link Claimed}, the other {@link Held}.
     */
    Claim claim(PaymentChannel channel, LocalDate billDate, String runner, Instant now, Instant staleBefore);

    /**
     * Stores the differences and marks the reconciliation DONE at {@code at}, in one write, while
     * {@code runner} still holds it.
     *
     * @throws dev.ordersystem.core.domain.NotFound when it is not RUNNING under {@code runner} any more
     */
    Reconciliation complete(long id, String runner, Instant at, int providerPayments, int providerRefunds,
                            List<ReconciliationDifference> differences);

    Optional<Reconciliation> find(long id);

    Optional<Reconciliation> find(PaymentChannel channel, LocalDate billDate);

    /** Newest first (by id); the page key is opaque. */
    Page<Reconciliation> list(PageRequest page);

    /** The differences of one reconciliation, in the order they were found. */
    List<ReconciliationDifference> differences(long id);

    /** The channel's payment records whose provider payment time is in {@code [from, to)}, any status. */
    List<PaymentRecord> paidBetween(PaymentChannel channel, Instant from, Instant to);
}
