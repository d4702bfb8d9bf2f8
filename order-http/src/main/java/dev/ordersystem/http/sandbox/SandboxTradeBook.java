package dev.ordersystem.http.sandbox;

import dev.ordersystem.core.domain.PaymentChannel;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The sandbox provider's trades, in memory (it is a simulator), keyed by channel and
 * out_trade_no. Every change is one atomic step on one key, so a close and a cashier payment
 * racing on the same trade end the way a provider's would: exactly one of them wins.
 */
public final class SandboxTradeBook {
    private record Key(PaymentChannel channel, String outTradeNo) {
    }

    /** What opening a trade came to: the trade (new, or the same one again), or the provider's refusal. */
    public sealed interface Opening {
    }

    public record Opened(SandboxTrade trade, boolean repeated) implements Opening {
    }

    public record OpenRefused(String code, String message) implements Opening {
    }

    /** What closing came to. */
    public enum Closing { CLOSED, PAID, NOT_FOUND }

    /** What a buyer's payment at the cashier came to. */
    public sealed interface Payment {
    }

    public record PaidNow(SandboxTrade trade) implements Payment {
    }

    public record PaymentRefused(String reason) implements Payment {
    }

    private final ConcurrentMap<Key, SandboxTrade> trades = new ConcurrentHashMap<>();
    /** Told every new version of a trade, inside the atomic step that makes it (a journal; by default nothing). */
    private final Consumer<SandboxTrade> changed;

    /** An empty book in memory. */
    public SandboxTradeBook() {
        this(List.of(), trade -> { });
    }

    /** A book holding {@code restored} (a journal's replay), telling {@code changed} of every change from now on. */
    public SandboxTradeBook(List<SandboxTrade> restored, Consumer<SandboxTrade> changed) {
        for (SandboxTrade trade : restored) trades.put(new Key(trade.channel(), trade.outTradeNo()), trade);
        this.changed = changed;
    }

    /**
     * Opens {@code proposed}, or answers the trade already under its number when the merchant asks
     * for the same again (a retried create); a number used for something else, a paid or a closed
     * trade is refused with the code {@code refusal} picks for it.
     */
    public Opening open(SandboxTrade proposed, Function<SandboxTrade, OpenRefused> refusal) {
        AtomicReference<Opening> result = new AtomicReference<>();
        trades.compute(new Key(proposed.channel(), proposed.outTradeNo()), (key, existing) -> {
            if (existing == null) {
                result.set(new Opened(proposed, false));
                changed.accept(proposed);
                return proposed;
            }
            if (existing.state() == SandboxTrade.State.WAITING && existing.sameAs(proposed)) {
                result.set(new Opened(existing, true));
            } else {
                result.set(refusal.apply(existing));
            }
            return existing;
        });
        return result.get();
    }

    /** How many trades were ever opened (a test's "no provider call was made"). */
    public int size() {
        return trades.size();
    }

    public Optional<SandboxTrade> find(PaymentChannel channel, String outTradeNo) {
        return Optional.ofNullable(trades.get(new Key(channel, outTradeNo)));
    }

    /** The trade the provider numbered {@code tradeNo} (WeChat transaction_id, Alipay trade_no). */
    public Optional<SandboxTrade> findByTradeNo(PaymentChannel channel, String tradeNo) {
        return trades.values().stream().filter(t -> t.channel() == channel && t.tradeNo().map(tradeNo::equals).orElse(false))
                .findFirst();
    }

    /** The trade under {@code outTradeNo} on either channel, the newest first (the cashier's lookup). */
    public Optional<SandboxTrade> find(String outTradeNo) {
        return trades.values().stream().filter(t -> t.outTradeNo().equals(outTradeNo))
                .max(Comparator.comparing(SandboxTrade::createdAt));
    }

    /** The channel's trades paid in {@code [from, to)}, by payment time (what a trade bill of that day lists). */
    public List<SandboxTrade> paidBetween(PaymentChannel channel, Instant from, Instant to) {
        return trades.values().stream().filter(t -> t.channel() == channel && t.state() == SandboxTrade.State.PAID)
                .filter(t -> t.paidAt().filter(at -> !at.isBefore(from) && at.isBefore(to)).isPresent())
                .sorted(Comparator.comparing(t -> t.paidAt().orElseThrow())).toList();
    }

    /** Closes a waiting trade; a closed one stays closed; a paid one is refused. */
    public Closing close(PaymentChannel channel, String outTradeNo) {
        AtomicReference<Closing> result = new AtomicReference<>(Closing.NOT_FOUND);
        trades.computeIfPresent(new Key(channel, outTradeNo), (key, trade) -> {
            if (trade.state() == SandboxTrade.State.PAID) {
                result.set(Closing.PAID);
                return trade;
            }
            result.set(Closing.CLOSED);
            if (trade.state() == SandboxTrade.State.CLOSED) return trade;
            SandboxTrade closed = trade.closed();
            changed.accept(closed);
            return closed;
        });
        return result.get();
    }

    /** The buyer pays {@code amount}: only a waiting trade before its deadline takes it, as the provider would. */
    public Payment pay(PaymentChannel channel, String outTradeNo, long amount, String providerTradeNo, Instant now) {
        AtomicReference<Payment> result = new AtomicReference<>(new PaymentRefused("no such trade"));
        trades.computeIfPresent(new Key(channel, outTradeNo), (key, trade) -> {
            if (trade.state() == SandboxTrade.State.PAID) {
                result.set(new PaymentRefused("the trade is paid already"));
                return trade;
            }
            if (trade.state() == SandboxTrade.State.CLOSED) {
                result.set(new PaymentRefused("the trade is closed"));
                return trade;
            }
            if (!trade.payableAt(now)) {
                result.set(new PaymentRefused("the trade expired at its time_expire"));
                return trade;
            }
            SandboxTrade paid = trade.paid(trade.tradeNo().orElse(providerTradeNo), amount, now);
            changed.accept(paid);
            result.set(new PaidNow(paid));
            return paid;
        });
        return result.get();
    }
}
