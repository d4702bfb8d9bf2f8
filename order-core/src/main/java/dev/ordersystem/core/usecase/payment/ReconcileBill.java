package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.Reconciliation;
import dev.ordersystem.core.domain.ReconciliationDifference;
import dev.ordersystem.core.domain.ReconciliationState;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.LocalRefunds;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.PaymentAttempts;
import dev.ordersystem.core.port.PaymentRecords;
import dev.ordersystem.core.port.Reconciliations;
import dev.ordersystem.core.port.provider.BillFetch;
import dev.ordersystem.core.port.provider.ProviderBills;
import dev.ordersystem.core.port.provider.TradeBill;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * DESIGN §14 reconciliation of one channel's day: download the provider's trade bill, compare it
 * with the payment records, the trades started and the refunds, apply the lost payments, store
 * every difference with what was done. A day is reconciled once: its row is the claim (one
 * instance of many runs it) and, once DONE, running it again answers the stored report and
 * applies nothing. The bill is fetched before anything is written, so a provider that cannot be
 * heard leaves no trace (503/502).
 */
public final class ReconcileBill {
    /** Both providers cut their bills at midnight China time. */
    public static final ZoneId BILL_ZONE = ZoneId.of("Asia/Shanghai");
    private static final Logger log = LoggerFactory.getLogger(ReconcileBill.class);

    private final ProviderBills bills;
    private final Reconciliations reports;
    private final BillComparison comparison;
    private final ReconciliationListener listener;
    private final String runner;
    private final Duration staleAfter;
    private final Clock clock;

    /**
     * @param runner     this instance's name, written on the claim
     * @param staleAfter how long a RUNNING claim is left to its runner before another instance takes it over
     */
    public ReconcileBill(ProviderBills bills, Reconciliations reports, PaymentRecords payments, PaymentAttempts attempts,
                         LocalRefunds refunds, ApplyPaymentNotification applyPayment, ReconciliationListener listener,
                         String runner, Duration staleAfter, Clock clock) {
        this.bills = bills;
        this.reports = reports;
        this.comparison = new BillComparison(payments, attempts, refunds, reports, applyPayment, clock);
        this.listener = listener;
        this.runner = runner;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    /** The channels whose bills can be reconciled. */
    public Set<PaymentChannel> channels() {
        return bills.channels();
    }

    /**
     * Reconciles {@code channel}'s bill of {@code billDate}, or answers the report of it made before
     * (DONE) or being made by another instance right now (RUNNING).
     *
     * @throws ValidationFailed            a channel without a provider, a day after today (China time)
     * @throws PaymentProviderUnavailable  the bill could not be had; nothing was written
     */
    public ReconciliationReport reconcile(PaymentChannel channel, LocalDate billDate) {
        if (!bills.channels().contains(channel)) throw ValidationFailed.of("channel", FieldFault.CHANNEL_OFF);
        if (billDate.isAfter(LocalDate.ofInstant(clock.instant(), BILL_ZONE))) throw ValidationFailed.of("date", FieldFault.BILL_DATE);
        Optional<Reconciliation> before = reports.find(channel, billDate);
        if (before.isPresent() && before.get().state() == ReconciliationState.DONE) return report(before.get());
        TradeBill bill = switch (bills.tradeBill(channel, billDate)) {
            case TradeBill fetched -> fetched;
            case BillFetch.Failed failed -> {
                listener.failed(channel);
                throw new PaymentProviderUnavailable(failed.failure());
            }
        };
        return switch (reports.claim(channel, billDate, runner, clock.instant(), clock.instant().minus(staleAfter))) {
            case Reconciliations.Held held -> report(held.reconciliation());
            case Reconciliations.Claimed claimed -> run(claimed.reconciliation(), bill);
        };
    }

    /** The channel's day as reconciled (DONE) or being reconciled (RUNNING), if ever started. */
    public Optional<Reconciliation> find(PaymentChannel channel, LocalDate billDate) {
        return reports.find(channel, billDate);
    }

    public Optional<ReconciliationReport> find(long id) {
        return reports.find(id).map(this::report);
    }

    public Page<Reconciliation> list(PageRequest page) {
        return reports.list(page);
    }

    private ReconciliationReport run(Reconciliation claimed, TradeBill bill) {
        List<ReconciliationDifference> differences = comparison.compare(bill, BILL_ZONE);
        try {
            Reconciliation done = reports.complete(claimed.id(), runner, clock.instant(), bill.payments().size(),
                    bill.refunds().size(), differences);
            listener.completed(done, differences);
            log.info("reconciled {} bill of {}: {} payments, {} refunds, {} differences", bill.channel(), bill.billDate(),
                    bill.payments().size(), bill.refunds().size(), differences.size());
            return new ReconciliationReport(done, differences);
        } catch (NotFound claimLost) {
            // Stale and taken over meanwhile: what this run applied is recorded (once); the other run's report stands.
            log.warn("reconciliation {} of {} {} was taken over before it finished", claimed.id(), bill.channel(), bill.billDate());
            return report(reports.find(claimed.id()).orElseThrow());
        }
    }

    private ReconciliationReport report(Reconciliation reconciliation) {
        return new ReconciliationReport(reconciliation, reports.differences(reconciliation.id()));
    }
}
