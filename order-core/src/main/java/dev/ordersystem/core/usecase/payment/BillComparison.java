package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.domain.DifferenceAction;
import dev.ordersystem.core.domain.DifferenceKind;
import dev.ordersystem.core.domain.LocalRefund;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.ReconciliationDifference;
import dev.ordersystem.core.port.LocalRefunds;
import dev.ordersystem.core.port.PaymentAttempt;
import dev.ordersystem.core.port.PaymentAttempts;
import dev.ordersystem.core.port.PaymentRecords;
import dev.ordersystem.core.port.Reconciliations;
import dev.ordersystem.core.port.provider.BillPayment;
import dev.ordersystem.core.port.provider.BillRefund;
import dev.ordersystem.core.port.provider.TradeBill;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The three-way comparison of DESIGN §14: the provider's bill, the payment records, the trades
 * started ({@code payment_attempt}), and the refunds. A payment the provider has and this shop
 * does not is a lost notification: it is applied exactly as its notification would have been
 * ({@link ApplyPaymentNotification}: a pending order is paid, a cancelled one takes the late-payment
 * path), once, because the payment record is unique on (channel, trade number). Everything else
 * is flagged for a person.
 */
final class BillComparison {
    /** Starts the raw text of a payment recorded from a bill line, so a later run can tell it from a notification's. */
    static final String FROM_BILL = "reconciliation bill line: ";

    private final PaymentRecords payments;
    private final PaymentAttempts attempts;
    private final LocalRefunds refunds;
    private final Reconciliations reports;
    private final ApplyPaymentNotification applyPayment;
    private final Clock clock;

    BillComparison(PaymentRecords payments, PaymentAttempts attempts, LocalRefunds refunds, Reconciliations reports,
                   ApplyPaymentNotification applyPayment, Clock clock) {
        this.payments = payments;
        this.attempts = attempts;
        this.refunds = refunds;
        this.reports = reports;
        this.applyPayment = applyPayment;
        this.clock = clock;
    }

    /** Every difference between {@code bill} and the records of its day, lost payments applied on the way. */
    List<ReconciliationDifference> compare(TradeBill bill, ZoneId billZone) {
        Instant from = bill.billDate().atStartOfDay(billZone).toInstant();
        Instant to = bill.billDate().plusDays(1).atStartOfDay(billZone).toInstant();
        List<ReconciliationDifference> found = new ArrayList<>();
        Set<String> billed = new HashSet<>();
        for (BillPayment line : bill.payments()) {
            billed.add(line.providerTradeNo());
            comparePayment(bill.channel(), line).ifPresent(found::add);
        }
        for (PaymentRecord record : reports.paidBetween(bill.channel(), from, to)) {
            if (billed.contains(record.tradeNo())) continue;
            found.add(new ReconciliationDifference(DifferenceKind.RECORDED_ONLY_HERE, Optional.empty(), Optional.of(record.tradeNo()),
                    Optional.empty(), Optional.empty(), Optional.of(record.amount()), DifferenceAction.FLAGGED,
                    "payment record of order " + record.orderNo() + " (" + record.status() + ") is not on the provider's bill"));
        }
        Set<String> refundsBilled = new HashSet<>();
        for (BillRefund line : bill.refunds()) {
            refundsBilled.add(line.outRefundNo());
            compareRefund(line).ifPresent(found::add);
        }
        for (LocalRefund refund : refunds.succeededBetween(bill.channel(), from, to)) {
            if (refundsBilled.contains(refund.outRefundNo())) continue;
            found.add(new ReconciliationDifference(DifferenceKind.REFUND_ONLY_HERE, Optional.empty(), Optional.empty(),
                    Optional.of(refund.outRefundNo()), Optional.empty(), Optional.of(refund.amount()), DifferenceAction.FLAGGED,
                    "refund of order " + refund.orderNo() + " succeeded here but is not on the provider's bill"));
        }
        return found;
    }

    private Optional<ReconciliationDifference> comparePayment(PaymentChannel channel, BillPayment line) {
        Optional<PaymentRecord> record = payments.find(channel, line.providerTradeNo());
        if (!OutTradeNo.isWellFormed(line.outTradeNo())) {
            return record.isPresent() ? Optional.empty() : Optional.of(paidOnlyThere(line, DifferenceAction.FLAGGED,
                    "paid at the provider under out_trade_no '" + line.outTradeNo() + "', which is not a trade of this shop"));
        }
        OutTradeNo outTradeNo = new OutTradeNo(line.outTradeNo());
        if (record.isEmpty()) return Optional.of(applyLost(channel, outTradeNo, line));
        if (record.get().rawNotification() != null && record.get().rawNotification().startsWith(FROM_BILL)) {
            // Applied by an earlier run of this day that did not finish: the same difference, applied once.
            return Optional.of(paidOnlyThere(line, DifferenceAction.APPLIED_BEFORE,
                    "lost notification applied by an earlier run: payment " + record.get().status()));
        }
        if (!record.get().amount().equals(line.amount())) {
            return Optional.of(amountDiffers(line, record.get().amount(), "the payment record says " + record.get().amount()
                    + ", the provider's bill " + line.amount()));
        }
        Optional<PaymentAttempt> attempt = attempts.find(outTradeNo);
        if (attempt.isPresent() && !attempt.get().amount().equals(line.amount())) {
            return Optional.of(amountDiffers(line, attempt.get().amount(), "the trade asked for " + attempt.get().amount()
                    + ", the provider's bill says " + line.amount() + " was paid (payment " + record.get().status() + ")"));
        }
        return Optional.empty();
    }

    /** A lost notification: applied as the notification would have been, its trade ended with it. */
    private ReconciliationDifference applyLost(PaymentChannel channel, OutTradeNo outTradeNo, BillPayment line) {
        PaymentOutcome outcome = applyPayment.apply(new VerifiedPayment(channel, outTradeNo.orderNo(), line.providerTradeNo(),
                line.amount(), line.paidAt(), FROM_BILL + line));
        if (outcome != PaymentOutcome.BUSY) endOpenAttempt(outTradeNo);
        DifferenceAction action = switch (outcome) {
            case PAID -> DifferenceAction.APPLIED_PAID;
            case REFUND_REQUIRED -> DifferenceAction.APPLIED_LATE_PAYMENT;
            case AMOUNT_MISMATCH -> DifferenceAction.APPLIED_MISMATCH;
            case UNMATCHED -> DifferenceAction.APPLIED_UNMATCHED;
            case DUPLICATE -> DifferenceAction.APPLIED_BEFORE;
            case BUSY -> DifferenceAction.FLAGGED_BUSY;
        };
        return paidOnlyThere(line, action, "paid at the provider, no notification recorded here: " + outcome);
    }

    /** A trade paid at the provider ends PAID here too (the notification would have ended it), unless it ended already. */
    private void endOpenAttempt(OutTradeNo outTradeNo) {
        attempts.find(outTradeNo).filter(a -> a.state().isOpen()).ifPresent(open -> {
            try {
                attempts.update(open.paid(clock.instant()), open.state());
            } catch (NotFound movedMeanwhile) {
                // someone else ended it first: theirs stands
            }
        });
    }

    private Optional<ReconciliationDifference> compareRefund(BillRefund line) {
        Optional<LocalRefund> local = refunds.find(line.outRefundNo());
        if (local.isEmpty()) {
            return Optional.of(new ReconciliationDifference(DifferenceKind.REFUND_ONLY_AT_PROVIDER, Optional.of(line.outTradeNo()),
                    optional(line.providerTradeNo()), Optional.of(line.outRefundNo()), Optional.of(line.amount()), Optional.empty(),
                    DifferenceAction.FLAGGED, "refund " + line.providerState() + " at the provider has no refund record here"));
        }
        if (!local.get().amount().equals(line.amount())) {
            return Optional.of(new ReconciliationDifference(DifferenceKind.REFUND_AMOUNT_DIFFERS, Optional.of(line.outTradeNo()),
                    optional(line.providerTradeNo()), Optional.of(line.outRefundNo()), Optional.of(line.amount()),
                    Optional.of(local.get().amount()), DifferenceAction.FLAGGED,
                    "refund recorded here as " + local.get().amount() + " (" + local.get().state() + "), the provider's bill says " + line.amount()));
        }
        return Optional.empty();
    }

    private static ReconciliationDifference paidOnlyThere(BillPayment line, DifferenceAction action, String detail) {
        return new ReconciliationDifference(DifferenceKind.PAID_ONLY_AT_PROVIDER, Optional.of(line.outTradeNo()),
                Optional.of(line.providerTradeNo()), Optional.empty(), Optional.of(line.amount()), Optional.empty(), action, detail);
    }

    private static ReconciliationDifference amountDiffers(BillPayment line, Money local, String detail) {
        return new ReconciliationDifference(DifferenceKind.AMOUNT_DIFFERS, Optional.of(line.outTradeNo()),
                Optional.of(line.providerTradeNo()), Optional.empty(), Optional.of(line.amount()), Optional.of(local),
                DifferenceAction.FLAGGED, detail);
    }

    private static Optional<String> optional(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
