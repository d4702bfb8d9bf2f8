package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.port.PaymentAttempt;
import dev.ordersystem.core.port.PaymentAttempts;
import dev.ordersystem.core.port.provider.CloseRefusedPaid;
import dev.ordersystem.core.port.provider.PaidTrade;
import dev.ordersystem.core.port.provider.PaymentProvider;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.core.port.provider.TradeClosed;
import dev.ordersystem.core.port.provider.TradeClosing;
import dev.ordersystem.core.port.provider.TradeLookup;
import dev.ordersystem.core.port.provider.TradeNotFound;
import dev.ordersystem.core.port.provider.TradeState;
import dev.ordersystem.core.port.provider.TradeStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Asks the provider about one recorded trade, or closes it, and writes down what it said (DESIGN
 * §13). Never inside a transaction: each call to the provider happens first, then each change of
 * the attempt is its own short guarded write. A paid answer is applied exactly as a payment
 * notification is ({@link ApplyPaymentNotification}: the same payment record, the same idempotency).
 */
public final class ProviderTrades {
    private static final Logger log = LoggerFactory.getLogger(ProviderTrades.class);

    private final PaymentProvider provider;
    private final PaymentAttempts attempts;
    private final ApplyPaymentNotification applyPayment;
    private final Clock clock;

    public ProviderTrades(PaymentProvider provider, PaymentAttempts attempts, ApplyPaymentNotification applyPayment,
                          Clock clock) {
        this.provider = provider;
        this.attempts = attempts;
        this.applyPayment = applyPayment;
        this.clock = clock;
    }

    /**
     * Queries the trade. PAID: the payment is applied and the attempt ends PAID; CLOSED: the attempt
     * ends CLOSED; otherwise the answer is noted. A failure is logged and only the time is noted.
     */
    public TradeLookup ask(PaymentAttempt attempt) {
        TradeLookup answer = provider.query(attempt.ref());
        switch (answer) {
            case TradeStatus status when status.state() == TradeState.PAID -> paid(noted(attempt, status), status.payment().orElseThrow());
            case TradeStatus status when status.state() == TradeState.CLOSED ->
                    write(attempt.checked(status.state(), status.providerState(), clock.instant()).closed(clock.instant()), attempt);
            case TradeStatus status -> write(attempt.checked(status.state(), status.providerState(), clock.instant()), attempt);
            case ProviderFailure failure -> {
                logFailure("query", attempt, failure);
                write(attempt.asked(clock.instant()), attempt);
            }
        }
        return answer;
    }

    /**
     * Closes the trade so nobody can pay it any more; a close refused because the trade is paid is
     * followed by a query, whose payment is applied. The attempt ends CLOSED or PAID, or stays as it
     * was when the provider cannot be heard.
     */
    public TradeEnd close(PaymentAttempt attempt) {
        TradeClosing answer = provider.close(attempt.ref());
        return switch (answer) {
            case TradeClosed closed -> closed(attempt);
            case TradeNotFound none -> closed(attempt);
            case CloseRefusedPaid refused -> {
                TradeLookup lookup = provider.query(attempt.ref());
                yield switch (lookup) {
                    case TradeStatus status when status.state() == TradeState.PAID ->
                            new TradeEnd.Paid(status.payment().orElseThrow(), paid(noted(attempt, status), status.payment().orElseThrow()));
                    case TradeStatus status when status.state() == TradeState.CLOSED -> closed(attempt);
                    case TradeStatus status -> unsettled("close", attempt, new ProviderFailure.ProviderError(0, refused.providerCode(),
                            "close refused as paid, yet the query says " + status.providerState()));
                    case ProviderFailure failure -> unsettled("query after a refused close", attempt, failure);
                };
            }
            case ProviderFailure failure -> unsettled("close", attempt, failure);
        };
    }

    /** Notes the provider's answer on the open attempt first, so the attempt paying the order ends with it. */
    private PaymentAttempt noted(PaymentAttempt attempt, TradeStatus status) {
        PaymentAttempt checked = attempt.checked(status.state(), status.providerState(), clock.instant());
        write(checked, attempt);
        return checked;
    }

    private TradeEnd closed(PaymentAttempt attempt) {
        write(attempt.closed(clock.instant()), attempt);
        return new TradeEnd.Closed();
    }

    private TradeEnd unsettled(String operation, PaymentAttempt attempt, ProviderFailure failure) {
        logFailure(operation, attempt, failure);
        write(attempt.asked(clock.instant()), attempt);
        return new TradeEnd.Unsettled(failure);
    }

    private PaymentOutcome paid(PaymentAttempt attempt, PaidTrade payment) {
        PaymentOutcome outcome = applyPayment.apply(new VerifiedPayment(attempt.channel(), attempt.orderNo(), payment.tradeNo(),
                payment.amount(), payment.paidAt(), payment.rawResponse()));
        // Paying the order ended its open attempt in the same transaction; a recorded payment that did not
        // pay it (a cancelled order's late payment, a wrong amount, a duplicate) leaves this attempt to end
        // here. BUSY: another delivery holds the order's lease and has not written yet; the attempt stays
        // open until it has, so no cancel can pass it by as an order without an open trade.
        if (outcome != PaymentOutcome.BUSY) {
            attempts.find(attempt.outTradeNo()).filter(a -> a.state().isOpen())
                    .ifPresent(current -> write(current.paid(clock.instant()), current));
        }
        log.info("payment provider reports {} {} of order {} paid ({}): {}", attempt.channel(), attempt.outTradeNo(),
                attempt.orderNo(), payment.tradeNo(), outcome);
        return outcome;
    }

    /** A guarded write over the state {@code seen} had; someone else moving it first wins. */
    private void write(PaymentAttempt changed, PaymentAttempt seen) {
        try {
            attempts.update(changed, seen.state());
        } catch (NotFound movedMeanwhile) {
            log.debug("payment attempt {} moved on meanwhile; keeping that", seen.outTradeNo());
        }
    }

    private static void logFailure(String operation, PaymentAttempt attempt, ProviderFailure failure) {
        log.warn("payment provider {} {} of trade {} (order {}) failed: {}", attempt.channel(), operation,
                attempt.outTradeNo(), attempt.orderNo(), failure.describe());
    }
}
