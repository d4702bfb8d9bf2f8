package dev.ordersystem.core.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One refund (DESIGN §14), recorded in its own transaction before any provider call and settled
 * later: {@code PENDING → SUCCEEDED | FAILED}. A balance-paid order's refund is settled in the
 * transaction that records it (the journal credit); a provider refund by its answer, its refund
 * notification or the refund job's query.
 *
 * @param refundNo      the deterministic out_refund_no; the refund job repeats a call with the same one
 * @param purpose       an admin's order refund, or a late payment going back whole
 * @param method        how the refunded money was paid: {@code BALANCE} or the provider channel
 * @param tradeNo       the provider's trade number of the payment refunded (WeChat {@code transaction_id},
 *                      Alipay {@code trade_no}); empty for {@code BALANCE}
 * @param paidTotal     what that payment took (WeChat {@code amount.total})
 * @param amount        what goes back (WeChat {@code amount.refund}, Alipay {@code refund_amount})
 * @param reason        the admin's reason, sent to the provider
 * @param lines         the quantities given back (may be empty: an amount alone), one per product, by product
 * @param stockReturn   whether {@code lines} return to stock when the refund succeeds
 * @param failure       why it failed (the provider's code and message), present exactly when FAILED
 * @param providerState the provider's last word ({@code PROCESSING}, {@code SUCCESS}, {@code fund_change=Y}, …)
 * @param tries         provider calls made so far
 * @param nextTryAt     when the refund job next calls or queries the provider (also the claim's lease)
 * @param endedAt       when it settled
 */
public record Refund(
        RefundNo refundNo,
        OrderNo orderNo,
        RefundPurpose purpose,
        PaymentMethod method,
        Optional<String> tradeNo,
        Money paidTotal,
        Money amount,
        String reason,
        List<RefundLine> lines,
        StockReturn stockReturn,
        RefundState state,
        Optional<String> failure,
        Optional<String> providerState,
        int tries,
        Instant createdAt,
        Instant nextTryAt,
        Optional<Instant> endedAt) {

    public Refund {
        Objects.requireNonNull(refundNo, "refundNo");
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(tradeNo, "tradeNo");
        Objects.requireNonNull(paidTotal, "paidTotal");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reason, "reason");
        // One order of lines whatever the store returns: by product.
        lines = lines.stream().sorted(Comparator.comparing(RefundLine::productId)).toList();
        Objects.requireNonNull(stockReturn, "stockReturn");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(providerState, "providerState");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(nextTryAt, "nextTryAt");
        Objects.requireNonNull(endedAt, "endedAt");
        if (!refundNo.orderNo().equals(orderNo)) throw new IllegalArgumentException(refundNo + " is not a refund of " + orderNo);
        if (!amount.isPositive()) throw new IllegalArgumentException("a refund's amount must be positive: " + amount);
        if (amount.compareTo(paidTotal) > 0) throw new IllegalArgumentException("a refund cannot exceed its payment");
        if (tradeNo.isPresent() != method.isExternal()) throw new IllegalArgumentException("a trade number goes with a provider refund only");
        if (reason.length() > 80) throw new IllegalArgumentException("reason must be at most 80 characters");
        if ((state == RefundState.FAILED) != failure.isPresent()) throw new IllegalArgumentException("a failure goes with FAILED only");
        if (state.isSettled() != endedAt.isPresent()) throw new IllegalArgumentException("endedAt goes with a settled refund only");
        if (tries < 0) throw new IllegalArgumentException("tries must not be negative");
    }

    /** A refund about to be asked for: recorded before any provider call, due at once. */
    public static Refund pending(RefundNo refundNo, RefundPurpose purpose, PaymentMethod method, Optional<String> tradeNo,
                                 Money paidTotal, Money amount, String reason, List<RefundLine> lines,
                                 StockReturn stockReturn, Instant now) {
        return new Refund(refundNo, refundNo.orderNo(), purpose, method, tradeNo, paidTotal, amount, reason, lines,
                stockReturn, RefundState.PENDING, Optional.empty(), Optional.empty(), 0, now, now, Optional.empty());
    }

    /** The same refund, next due at {@code at} (the caller asks the provider itself first). */
    public Refund dueAt(Instant at) {
        requirePending();
        return new Refund(refundNo, orderNo, purpose, method, tradeNo, paidTotal, amount, reason, lines, stockReturn,
                state, failure, providerState, tries, createdAt, at, endedAt);
    }

    /** The provider channel of a provider refund. */
    public Optional<PaymentChannel> channel() {
        return method.isExternal() ? Optional.of(PaymentChannel.valueOf(method.name())) : Optional.empty();
    }

    /** The money went back ({@code providerWord} as the provider said it) at {@code at}. */
    public Refund succeeded(String providerWord, Instant at) {
        requirePending();
        return new Refund(refundNo, orderNo, purpose, method, tradeNo, paidTotal, amount, reason, lines, stockReturn,
                RefundState.SUCCEEDED, Optional.empty(), Optional.of(providerWord), tries, createdAt, at, Optional.of(at));
    }

    /** The provider refused or gave up ({@code why}: its code and message) at {@code at}: the money stays. */
    public Refund failed(String why, Instant at) {
        requirePending();
        return new Refund(refundNo, orderNo, purpose, method, tradeNo, paidTotal, amount, reason, lines, stockReturn,
                RefundState.FAILED, Optional.of(why), providerState, tries, createdAt, at, Optional.of(at));
    }

    /** Still open after a call or query ({@code providerWord}: its answer, or why it was not heard); next try at {@code next}. */
    public Refund triedAgainAt(String providerWord, Instant next) {
        requirePending();
        return new Refund(refundNo, orderNo, purpose, method, tradeNo, paidTotal, amount, reason, lines, stockReturn,
                state, failure, Optional.of(providerWord), tries + 1, createdAt, next, endedAt);
    }

    private void requirePending() {
        if (state != RefundState.PENDING) throw new IllegalStateException(refundNo + " is " + state + ", not PENDING");
    }
}
