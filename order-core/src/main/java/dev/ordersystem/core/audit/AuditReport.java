package dev.ordersystem.core.audit;

import java.time.Instant;
import java.util.List;

/** The result of one audit run; clean when {@link #violations()} is empty. */
public record AuditReport(Instant checkedAt, List<Violation> violations) {
    public AuditReport {
        violations = List.copyOf(violations);
    }

    public boolean ok() {
        return violations.isEmpty();
    }
}
