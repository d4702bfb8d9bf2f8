package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.domain.Reconciliation;
import dev.ordersystem.core.domain.ReconciliationDifference;

import java.util.List;
import java.util.Objects;

/** One reconciliation and the differences it stored (DESIGN §14). */
public record ReconciliationReport(Reconciliation reconciliation, List<ReconciliationDifference> differences) {
    public ReconciliationReport {
        Objects.requireNonNull(reconciliation, "reconciliation");
        differences = List.copyOf(differences);
    }
}
