package dev.ordersystem.core.usecase.refund;

import dev.ordersystem.core.LatePaymentRefund;
import dev.ordersystem.core.RefundSettings;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.Refund;
import dev.ordersystem.core.domain.RefundNo;
import dev.ordersystem.core.domain.RefundPurpose;
import dev.ordersystem.core.domain.StockReturn;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.PaymentRecords;
import dev.ordersystem.core.port.Refunds;
import dev.ordersystem.core.port.Transactions;
import dev.ordersystem.core.usecase.order.PeriodicDuty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The refund job of DESIGN §14, on every instance. Each run:
 * <ol>
 *   <li>with {@code ORDER_LATE_PAYMENT_REFUND=auto}, records a refund of the whole amount for each
 *       REFUND_REQUIRED payment that has none and whose channel has a provider (under the order's
 *       row lock, so its number never collides with an admin's refund);</li>
 *   <li>claims the PENDING refunds that are due ({@code FOR UPDATE SKIP LOCKED}, the claim's own
 *       short transaction moving their next try to a lease) and, outside any transaction, asks the
 *       provider for a refund never asked for, or about one asked before (a refund the provider
 *       never heard of is asked for again under the same out_refund_no);</li>
 *   <li>logs an alert for every refund PENDING longer than the retry window (the §7 audit and the
 *       {@code refunds_stuck} metric show them too): nothing stays PENDING silently.</li>
 * </ol>
 * {@link #runOnce()} is public so tests drive it step by step.
 */
public final class RefundJob implements AutoCloseable {
    static final String LATE_PAYMENT_REASON = "late payment";
    private static final Logger log = LoggerFactory.getLogger(RefundJob.class);

    private final Transactions transactions;
    private final OrderRepository orders;
    private final PaymentRecords payments;
    private final Refunds refunds;
    private final ProviderRefunds providerRefunds;
    private final RefundSettings settings;
    private final Clock clock;
    private final PeriodicDuty duty = new PeriodicDuty("order-refund-job", log);

    public RefundJob(Transactions transactions, OrderRepository orders, PaymentRecords payments, Refunds refunds,
                     ProviderRefunds providerRefunds, RefundSettings settings, Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.payments = payments;
        this.refunds = refunds;
        this.providerRefunds = providerRefunds;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts the periodic run on its own background thread (a no-op when it runs already). */
    public void start() {
        duty.start(new PeriodicDuty.Step("refund job step", settings.jobInterval(), settings.jobInterval(), this::runOnce));
    }

    /** Records due late-payment refunds and asks the provider about the due refunds; returns how many it asked about. */
    public int runOnce() {
        if (settings.latePayments() == LatePaymentRefund.AUTO) recordLatePaymentRefunds();
        Instant now = clock.instant();
        List<Refund> due = refunds.claimDue(now, settings.batch(), now.plus(settings.lease()));
        for (Refund refund : due) {
            try {
                work(refund);
            } catch (RuntimeException e) {
                log.warn("refund {} of order {} failed in the refund job, will try again: {}", refund.refundNo(),
                        refund.orderNo(), e.toString());
            }
        }
        for (Refund stuck : stuck()) {
            log.error("ALERT refund {} of order {} is PENDING since {} (longer than {}); last provider word: {}",
                    stuck.refundNo(), stuck.orderNo(), stuck.createdAt(), settings.retryWindow(),
                    stuck.providerState().orElse("none"));
        }
        return due.size();
    }

    /** How many refunds are PENDING now. */
    public long pending() {
        return refunds.countPending();
    }

    /** The refunds PENDING longer than the retry window. */
    public List<Refund> stuck() {
        return refunds.findPendingCreatedBefore(clock.instant().minus(settings.retryWindow()), 100);
    }

    private void work(Refund refund) {
        if (!providerRefunds.serves(refund)) {
            providerRefunds.park(refund, "no payment provider serves " + refund.method());
        } else if (refund.tries() == 0) {
            providerRefunds.attempt(refund);
        } else {
            providerRefunds.check(refund);
        }
    }

    private void recordLatePaymentRefunds() {
        for (PaymentRecord late : refunds.latePaymentsWithoutRefund(settings.batch())) {
            if (!providerRefunds.serves(late.channel())) continue;
            try {
                transactions.inTransaction(() -> record(late));
            } catch (IllegalStateException alreadyRecorded) {
                log.debug("late payment {}/{} has its refund already: {}", late.channel(), late.tradeNo(), alreadyRecorded.getMessage());
            }
        }
    }

    private Optional<Refund> record(PaymentRecord late) {
        orders.lock(late.orderNo()); // serializes the refund numbers of the order with admins' refunds
        Optional<PaymentRecord> current = payments.find(late.channel(), late.tradeNo())
                .filter(p -> p.status() == PaymentStatus.REFUND_REQUIRED);
        List<Refund> ofOrder = refunds.findByOrder(late.orderNo());
        boolean refundedBefore = ofOrder.stream()
                .anyMatch(r -> r.method() == late.channel().method() && r.tradeNo().equals(Optional.of(late.tradeNo())));
        if (current.isEmpty() || refundedBefore) return Optional.empty();
        int sequence = ofOrder.stream().mapToInt(r -> r.refundNo().sequence()).max().orElse(0) + 1;
        Refund refund = Refund.pending(RefundNo.of(late.orderNo(), sequence), RefundPurpose.LATE_PAYMENT,
                late.channel().method(), Optional.of(late.tradeNo()), late.amount(), late.amount(), LATE_PAYMENT_REASON,
                List.of(), StockReturn.KEEP, clock.instant());
        refunds.add(refund);
        log.info("late payment {}/{} of order {} is refunded as {}", late.channel(), late.tradeNo(), late.orderNo(), refund.refundNo());
        return Optional.of(refund);
    }

    /** Stops the background thread, letting a running step finish. */
    @Override
    public void close() {
        duty.close();
    }
}
