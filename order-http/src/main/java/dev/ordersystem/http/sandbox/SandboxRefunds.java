package dev.ordersystem.http.sandbox;

import dev.ordersystem.core.domain.PaymentChannel;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The refunds the sandbox provider made, per channel and out_refund_no (Alipay out_request_no), as a
 * provider keeps them: a repeated number answers the refund made for it (never a second one), and
 * the refunds of one trade never add up to more than it took. One lock over the book: a simulator.
 */
public final class SandboxRefunds {
    /** One refund of a paid trade. {@code succeeded} is empty while WeChat still reports it PROCESSING. */
    public record SandboxRefund(PaymentChannel channel, String refundNo, String refundId, SandboxTrade trade, long amount,
                                String reason, String notifyUrl, Instant createdAt, Optional<Instant> succeeded) {
        public SandboxRefund {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(trade, "trade");
            Objects.requireNonNull(succeeded, "succeeded");
        }

        SandboxRefund succeededAt(Instant at) {
            return new SandboxRefund(channel, refundNo, refundId, trade, amount, reason, notifyUrl, createdAt, Optional.of(at));
        }
    }

    /** What asking for a refund came to. */
    public sealed interface Outcome {
    }

    /** Made now, or made before under the same number ({@code repeated}). */
    public record Made(SandboxRefund refund, boolean repeated) implements Outcome {
    }

    /** Refused with the provider's code (e.g. more than is left of the trade). */
    public record Refused(int httpStatus, String code, String message) implements Outcome {
    }

    private record Key(PaymentChannel channel, String refundNo) {
    }

    private final Map<Key, SandboxRefund> refunds = new HashMap<>();
    /** Told every new version of a refund, under the book's lock (the standalone sandbox's journal; by default nothing). */
    private final Consumer<SandboxRefund> changed;

    /** An empty book in memory. */
    public SandboxRefunds() {
        this(List.of(), refund -> { });
    }

    /** A book holding {@code restored} (a journal's replay), telling {@code changed} of every change from now on. */
    public SandboxRefunds(List<SandboxRefund> restored, Consumer<SandboxRefund> changed) {
        for (SandboxRefund refund : restored) refunds.put(new Key(refund.channel(), refund.refundNo()), refund);
        this.changed = changed;
    }

    /**
     * Refunds {@code amount} of {@code trade} (paid) under {@code refundNo}: a repeated number answers
     * what it got before (an amount that differs is refused), a trade not paid or more than is left is refused.
     */
    public synchronized Outcome refund(PaymentChannel channel, String refundNo, String refundId, SandboxTrade trade,
                                       long amount, String reason, String notifyUrl, Instant now, Refusals refusals) {
        SandboxRefund before = refunds.get(new Key(channel, refundNo));
        if (before != null) {
            if (before.amount() != amount || !before.trade().outTradeNo().equals(trade.outTradeNo())) return refusals.mismatch();
            return new Made(before, true);
        }
        if (trade.state() != SandboxTrade.State.PAID) return refusals.notPaid();
        if (amount <= 0 || refundedOf(channel, trade.outTradeNo()) + amount > trade.paidMinor()) return refusals.tooMuch();
        SandboxRefund made = new SandboxRefund(channel, refundNo, refundId, trade, amount, reason, notifyUrl, now, Optional.empty());
        changed.accept(made);
        refunds.put(new Key(channel, refundNo), made);
        return new Made(made, false);
    }

    /** The refusals in one provider's words. */
    public interface Refusals {
        Refused mismatch();

        Refused notPaid();

        Refused tooMuch();
    }

    public synchronized Optional<SandboxRefund> find(PaymentChannel channel, String refundNo) {
        return Optional.ofNullable(refunds.get(new Key(channel, refundNo)));
    }

    /** Marks the refund done (WeChat's PROCESSING ends in SUCCESS). */
    public synchronized Optional<SandboxRefund> succeed(PaymentChannel channel, String refundNo, Instant at) {
        return Optional.ofNullable(refunds.computeIfPresent(new Key(channel, refundNo), (key, refund) -> {
            if (refund.succeeded().isPresent()) return refund;
            SandboxRefund done = refund.succeededAt(at);
            changed.accept(done);
            return done;
        }));
    }

    /** Σ refunded of one trade. */
    public synchronized long refundedOf(PaymentChannel channel, String outTradeNo) {
        return refunds.values().stream().filter(r -> r.channel() == channel && r.trade().outTradeNo().equals(outTradeNo))
                .mapToLong(SandboxRefund::amount).sum();
    }

    /**
     * A refund made in the provider's portal rather than through the API (the shop never asked for it):
     * finished at once. Empty when its number is taken or it is more than is left of the paid trade.
     */
    public synchronized Optional<SandboxRefund> madeInPortal(PaymentChannel channel, String refundNo, String refundId,
                                                             SandboxTrade trade, long amount, Instant at) {
        Key key = new Key(channel, refundNo);
        if (refunds.containsKey(key) || trade.state() != SandboxTrade.State.PAID || amount <= 0
                || refundedOf(channel, trade.outTradeNo()) + amount > trade.paidMinor()) return Optional.empty();
        SandboxRefund made = new SandboxRefund(channel, refundNo, refundId, trade, amount, "portal", "", at, Optional.of(at));
        changed.accept(made);
        refunds.put(key, made);
        return Optional.of(made);
    }

    /** The channel's refunds finished in {@code [from, to)}, oldest first, as the bills list them. */
    public synchronized List<SandboxBillRefund> billedBetween(PaymentChannel channel, Instant from, Instant to) {
        return refunds.values().stream()
                .filter(r -> r.channel() == channel && r.succeeded().isPresent())
                .filter(r -> !r.succeeded().get().isBefore(from) && r.succeeded().get().isBefore(to))
                .sorted(Comparator.comparing(r -> r.succeeded().get()))
                .map(r -> new SandboxBillRefund(channel, r.trade().outTradeNo(), r.trade().tradeNo().orElseThrow(), r.refundNo(),
                        r.refundId(), r.amount(), r.trade().paidMinor(), r.succeeded().get()))
                .toList();
    }

    /** How many refunds were made on a channel (a test's "refunded once"). */
    public synchronized long count(PaymentChannel channel) {
        return refunds.values().stream().filter(r -> r.channel() == channel).count();
    }
}
