package dev.ordersystem.http.observe;

import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.port.provider.CloseRefusedPaid;
import dev.ordersystem.core.port.provider.NewTrade;
import dev.ordersystem.core.port.provider.PaymentProvider;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.core.port.provider.RefundAnswer;
import dev.ordersystem.core.port.provider.RefundCall;
import dev.ordersystem.core.port.provider.TradeClosed;
import dev.ordersystem.core.port.provider.TradeClosing;
import dev.ordersystem.core.port.provider.TradeCreation;
import dev.ordersystem.core.port.provider.TradeLookup;
import dev.ordersystem.core.port.provider.TradeNotFound;
import dev.ordersystem.core.port.provider.TradeOpened;
import dev.ordersystem.core.port.provider.TradeRef;
import dev.ordersystem.core.port.provider.TradeStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Counts and times every call to the payment provider (DESIGN §13), wherever it comes from (a
 * start, a poll, the sync, an expiry or cancel): {@code payments_provider_calls_total{channel,
 * operation, outcome}}, {@code payments_provider_call_seconds{channel, operation}}, and the trades
 * it opened and closed ({@code payments_trades_started_total{channel, scene}},
 * {@code payments_trades_closed_total{channel}}). The outcome is the answer's kind
 * ({@code opened}, {@code not_paid}, {@code paid}, {@code closed}, {@code refused_paid},
 * {@code unreachable}, {@code timed_out}, {@code provider_error}, {@code bad_signature}, …): never
 * a key, a signature or a buyer's data.
 */
public final class MeteredPaymentProvider implements PaymentProvider {
    private final PaymentProvider provider;
    private final MeterRegistry registry;

    public MeteredPaymentProvider(PaymentProvider provider, MeterRegistry registry) {
        this.provider = provider;
        this.registry = registry;
    }

    @Override
    public Set<PaymentChannel> channels() {
        return provider.channels();
    }

    @Override
    public TradeCreation create(NewTrade trade) {
        TradeCreation answer = timed(trade.channel(), "create", () -> provider.create(trade), MeteredPaymentProvider::outcome);
        if (answer instanceof TradeOpened) {
            Counter.builder("payments.trades.started").description("trades opened at the payment provider")
                    .tag("channel", trade.channel().name()).tag("scene", trade.scene().name()).register(registry).increment();
        }
        return answer;
    }

    @Override
    public TradeLookup query(TradeRef trade) {
        return timed(trade.channel(), "query", () -> provider.query(trade), MeteredPaymentProvider::outcome);
    }

    @Override
    public TradeClosing close(TradeRef trade) {
        TradeClosing answer = timed(trade.channel(), "close", () -> provider.close(trade), MeteredPaymentProvider::outcome);
        if (answer instanceof TradeClosed || answer instanceof TradeNotFound) {
            Counter.builder("payments.trades.closed").description("trades closed at the payment provider (or found absent)")
                    .tag("channel", trade.channel().name()).register(registry).increment();
        }
        return answer;
    }

    @Override
    public RefundAnswer refund(RefundCall refund) {
        return timed(refund.channel(), "refund", () -> provider.refund(refund), MeteredPaymentProvider::outcome);
    }

    @Override
    public RefundAnswer queryRefund(RefundCall refund) {
        return timed(refund.channel(), "refund_query", () -> provider.queryRefund(refund), MeteredPaymentProvider::outcome);
    }

    private <T> T timed(PaymentChannel channel, String operation, Supplier<T> call, Function<T, String> outcome) {
        long started = System.nanoTime();
        String result = "exception";
        try {
            T answer = call.get();
            result = outcome.apply(answer);
            return answer;
        } finally {
            Timer.builder("payments.provider.call").description("calls to the payment provider, by operation")
                    .tag("channel", channel.name()).tag("operation", operation).register(registry)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            Counter.builder("payments.provider.calls").description("calls to the payment provider, by operation and outcome")
                    .tag("channel", channel.name()).tag("operation", operation).tag("outcome", result)
                    .register(registry).increment();
        }
    }

    private static String outcome(TradeCreation answer) {
        return switch (answer) {
            case TradeOpened opened -> "opened";
            case ProviderFailure failure -> failure(failure);
        };
    }

    private static String outcome(TradeLookup answer) {
        return switch (answer) {
            case TradeStatus status -> status.state().name().toLowerCase(Locale.ROOT);
            case ProviderFailure failure -> failure(failure);
        };
    }

    private static String outcome(TradeClosing answer) {
        return switch (answer) {
            case TradeClosed closed -> "closed";
            case TradeNotFound none -> "not_found";
            case CloseRefusedPaid refused -> "refused_paid";
            case ProviderFailure failure -> failure(failure);
        };
    }

    private static String outcome(RefundAnswer answer) {
        return switch (answer) {
            case RefundAnswer.Succeeded s -> "refund_succeeded";
            case RefundAnswer.Processing p -> "refund_processing";
            case RefundAnswer.Refused r -> "refund_refused";
            case RefundAnswer.NotFound n -> "not_found";
            case ProviderFailure failure -> failure(failure);
        };
    }

    private static String failure(ProviderFailure failure) {
        return switch (failure) {
            case ProviderFailure.Unreachable u -> "unreachable";
            case ProviderFailure.TimedOut t -> "timed_out";
            case ProviderFailure.ProviderError e -> "provider_error";
            case ProviderFailure.BadSignature b -> "bad_signature";
            case ProviderFailure.MalformedResponse m -> "malformed_response";
        };
    }
}
