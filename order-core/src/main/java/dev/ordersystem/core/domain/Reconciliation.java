package dev.ordersystem.core.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One comparison of a channel's trade bill of one day with this shop's records (DESIGN §14).
 * Unique on (channel, billDate): running it again answers the same report.
 *
 * @param id               the store's number, the report's address
 * @param runner           the instance that claimed it
 * @param providerPayments payment lines on the bill (known once DONE)
 * @param providerRefunds  refund lines on the bill (known once DONE)
 * @param differences      how many differences were found (known once DONE)
 */
public record Reconciliation(long id, PaymentChannel channel, LocalDate billDate, ReconciliationState state, String runner,
                             Instant startedAt, Optional<Instant> finishedAt, int providerPayments, int providerRefunds,
                             int differences) {
    public Reconciliation {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(billDate, "billDate");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if ((state == ReconciliationState.DONE) != finishedAt.isPresent()) {
            throw new IllegalArgumentException("finishedAt goes with a DONE reconciliation only");
        }
    }
}
