package dev.ordersystem.core.usecase.refund;

import dev.ordersystem.core.RefundSettings;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.OrderEvent;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.Refund;
import dev.ordersystem.core.domain.RefundState;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.PaymentRecords;
import dev.ordersystem.core.port.Refunds;
import dev.ordersystem.core.port.Transactions;
import dev.ordersystem.core.port.provider.PaymentProvider;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.core.port.provider.RefundAnswer;
import dev.ordersystem.core.port.provider.RefundCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Asks the provider for a recorded refund, or about it, and writes down what it said (DESIGN §14).
 * Never inside a transaction: the provider is called first, then each change of the refund is its
 * own short guarded write. The call carries the refund's own out_refund_no, so repeating it after
 * a timeout refunds once. A success settles the refund and, when it was the last money owed on a
 * REFUND_REQUIRED payment, the payment record, with {@code payment.refunded} in that transaction.
 */
public final class ProviderRefunds {
    private static final Logger log = LoggerFactory.getLogger(ProviderRefunds.class);

    private final PaymentProvider provider;
    private final Transactions transactions;
    private final Refunds refunds;
    private final PaymentRecords payments;
    private final Outbox outbox;
    private final RefundSettings settings;
    private final Clock clock;

    public ProviderRefunds(PaymentProvider provider, Transactions transactions, Refunds refunds, PaymentRecords payments,
                           Outbox outbox, RefundSettings settings, Clock clock) {
        this.provider = provider;
        this.transactions = transactions;
        this.refunds = refunds;
        this.payments = payments;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether a provider serves the refund's channel (a balance refund has none). */
    public boolean serves(Refund refund) {
        return refund.channel().map(this::serves).orElse(false);
    }

    public boolean serves(PaymentChannel channel) {
        return provider.channels().contains(channel);
    }

    /**
     * How long a refund whose first call its recorder makes itself is left to that caller before the
     * refund job may take it (so the two do not call at once; the same number would refund once anyway).
     */
    public Duration firstCallLease() {
        return settings.lease();
    }

    /** Asks for the refund (again: the same out_refund_no) and settles what the answer settles. */
    public Refund attempt(Refund refund) {
        return settle(refund, provider.refund(call(refund)));
    }

    /** Asks about the refund; a provider that never heard of it is asked for it. */
    public Refund check(Refund refund) {
        RefundAnswer answer = provider.queryRefund(call(refund));
        if (answer instanceof RefundAnswer.NotFound) return attempt(refund);
        return settle(refund, answer);
    }

    /** Leaves the refund PENDING until the longest wait: no provider serves its channel now. */
    public Refund park(Refund refund, String why) {
        return write(refund.triedAgainAt(why, clock.instant().plus(settings.maxRetry())));
    }

    /**
     * Writes down {@code answer}: SUCCEEDED, FAILED with the provider's reason, or still PENDING
     * with its next try after a backoff. A refund settled meanwhile (a notification and the job
     * racing) is returned as it was settled.
     */
    public Refund settle(Refund refund, RefundAnswer answer) {
        Instant now = clock.instant();
        Instant next = now.plus(settings.backoff(refund.tries() + 1));
        return switch (answer) {
            case RefundAnswer.Succeeded done -> succeed(refund, done.providerState());
            case RefundAnswer.Refused refused -> {
                log.warn("refund {} of order {} refused by the provider, the money stays: {}", refund.refundNo(),
                        refund.orderNo(), refused.describe());
                yield write(refund.failed(refused.describe(), now));
            }
            case RefundAnswer.Processing processing -> write(refund.triedAgainAt(processing.providerState(), next));
            // The call never arrived: due again at once, the next run asks for it under the same number.
            case RefundAnswer.NotFound none -> write(refund.triedAgainAt(none.providerState(), now));
            case ProviderFailure failure -> {
                log.warn("refund {} of order {}: provider {}; tried again at {}", refund.refundNo(), refund.orderNo(),
                        failure.describe(), next);
                yield write(refund.triedAgainAt(failure.describe(), next));
            }
        };
    }

    private Refund succeed(Refund refund, String providerWord) {
        Instant now = clock.instant();
        try {
            return transactions.inTransaction(() -> {
                Refund done = refund.succeeded(providerWord, now);
                refunds.update(done, RefundState.PENDING);
                Optional<PaymentRecord> payment = refund.channel().flatMap(c -> payments.find(c, refund.tradeNo().orElseThrow()));
                if (payment.isPresent()) {
                    PaymentRecord record = payment.get();
                    if (record.status() == PaymentStatus.REFUND_REQUIRED && noOtherPending(done)) {
                        PaymentRecord refunded = record.withStatus(PaymentStatus.REFUNDED);
                        payments.update(refunded, PaymentStatus.REFUND_REQUIRED);
                        record = refunded;
                    }
                    outbox.append(List.of(OrderEvent.paymentRefunded(record, done, now)));
                }
                return done;
            });
        } catch (NotFound settledMeanwhile) {
            return current(refund);
        }
    }

    private boolean noOtherPending(Refund done) {
        return refunds.findByOrder(done.orderNo()).stream()
                .filter(r -> !r.refundNo().equals(done.refundNo()) && r.tradeNo().equals(done.tradeNo()))
                .noneMatch(r -> r.state() == RefundState.PENDING);
    }

    private Refund write(Refund changed) {
        try {
            refunds.update(changed, RefundState.PENDING);
            return changed;
        } catch (NotFound settledMeanwhile) {
            return current(changed);
        }
    }

    private Refund current(Refund refund) {
        return refunds.find(refund.refundNo()).orElseThrow(() -> new NotFound("refund " + refund.refundNo()));
    }

    private static RefundCall call(Refund refund) {
        return new RefundCall(refund.channel().orElseThrow(), refund.refundNo(), refund.tradeNo().orElseThrow(),
                refund.amount(), refund.paidTotal(), refund.reason());
    }
}
