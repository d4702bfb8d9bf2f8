package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.Reconciliation;
import dev.ordersystem.core.domain.ReconciliationDifference;
import dev.ordersystem.core.usecase.payment.ReconciliationReport;

import java.util.List;

/**
 * One reconciliation as the admin API shows it: the channel's day, where it stands, what the bill
 * held, and (in the single report) every difference with what was done about it.
 */
public record ReconciliationView(long id, String channel, String date, String state, String runner, String startedAt,
                                 String finishedAt, int providerPayments, int providerRefunds, int differenceCount,
                                 List<DifferenceView> differences) {

    /** One difference: amounts in minor units of their currency. */
    public record DifferenceView(String kind, String outTradeNo, String providerTradeNo, String outRefundNo, Long providerAmount,
                                 Long localAmount, String currency, String action, String detail) {
        static DifferenceView of(ReconciliationDifference d) {
            String currency = d.providerAmount().or(d::localAmount).map(m -> m.currency().getCurrencyCode()).orElse(null);
            return new DifferenceView(d.kind().name(), d.outTradeNo().orElse(null), d.providerTradeNo().orElse(null),
                    d.outRefundNo().orElse(null), d.providerAmount().map(Money::minor).orElse(null), d.localAmount().map(Money::minor).orElse(null),
                    currency, d.action().name(), d.detail());
        }
    }

    /** The report with its differences. */
    public static ReconciliationView of(ReconciliationReport report) {
        return of(report.reconciliation(), report.differences().stream().map(DifferenceView::of).toList());
    }

    /** A list item: without the differences (their count is there). */
    public static ReconciliationView summary(Reconciliation r) {
        return of(r, null);
    }

    private static ReconciliationView of(Reconciliation r, List<DifferenceView> differences) {
        return new ReconciliationView(r.id(), r.channel().name(), r.billDate().toString(), r.state().name(), r.runner(),
                JsonTimes.iso(r.startedAt()), r.finishedAt().map(JsonTimes::iso).orElse(null), r.providerPayments(), r.providerRefunds(),
                r.differences(), differences);
    }
}
