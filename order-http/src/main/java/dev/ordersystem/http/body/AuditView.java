package dev.ordersystem.http.body;

import dev.ordersystem.core.audit.AuditReport;
import dev.ordersystem.core.audit.Violation;

import java.util.List;

/** {@code GET /admin/audit}: the DESIGN §7 checks; {@code ok} when nothing is violated. */
public record AuditView(boolean ok, String checkedAt, List<Violation> violations) {
    public static AuditView of(AuditReport report) {
        return new AuditView(report.ok(), JsonTimes.iso(report.checkedAt()), report.violations());
    }
}
