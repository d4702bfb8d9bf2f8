package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentScene;
import dev.ordersystem.core.port.provider.PayLink;
import dev.ordersystem.core.port.provider.TradeRef;
import dev.ordersystem.core.port.provider.TradeState;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One provider-side trade started for an order ({@code payment_attempt}, DESIGN §13): which scene,
 * under which out_trade_no, where it stands, what the provider last said.
 *
 * @param attempt       the order's attempt number, 1.., part of {@code outTradeNo}
 * @param openId        the JSAPI payer (a repeat with another payer is another trade)
 * @param clientIp      the H5 buyer's address as sent to the provider
 * @param payLink       what the buyer's page got to pay it; present from {@link AttemptState#OPEN} on
 * @param tradeState    the provider's last answer to a query, in the core's words; empty until asked
 * @param providerState that answer in the provider's words ({@code NOTPAY}, {@code TRADE_SUCCESS}, …)
 * @param checkedAt     when the provider was last asked (queried or closed)
 * @param failure       why creating it failed ({@link AttemptState#FAILED}), as logged
 * @param endedAt       when it became PAID, CLOSED or FAILED
 */
public record PaymentAttempt(
        OutTradeNo outTradeNo,
        OrderNo orderNo,
        int attempt,
        PaymentScene scene,
        AttemptState state,
        Money amount,
        Optional<String> openId,
        Optional<String> clientIp,
        Optional<PayLink> payLink,
        Optional<TradeState> tradeState,
        Optional<String> providerState,
        Instant createdAt,
        Optional<Instant> checkedAt,
        Optional<String> failure,
        Optional<Instant> endedAt) {

    public PaymentAttempt {
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(openId, "openId");
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(payLink, "payLink");
        Objects.requireNonNull(tradeState, "tradeState");
        Objects.requireNonNull(providerState, "providerState");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(endedAt, "endedAt");
        if (!outTradeNo.equals(OutTradeNo.of(orderNo, attempt))) {
            throw new IllegalArgumentException("out_trade_no " + outTradeNo + " is not attempt " + attempt + " of " + orderNo);
        }
        payLink.ifPresent(link -> {
            if (!link.answers(scene)) throw new IllegalArgumentException(link.getClass().getSimpleName() + " does not answer " + scene);
        });
        if (state == AttemptState.OPEN && payLink.isEmpty()) throw new IllegalArgumentException("an OPEN attempt has its pay link");
        if (state.isOpen() == endedAt.isPresent()) throw new IllegalArgumentException("endedAt goes with an ended attempt only");
    }

    /** A trade about to be created: recorded before the provider is called. */
    public static PaymentAttempt starting(OrderNo orderNo, int attempt, PaymentScene scene, Money amount,
                                          Optional<String> openId, Optional<String> clientIp, Instant now) {
        return new PaymentAttempt(OutTradeNo.of(orderNo, attempt), orderNo, attempt, scene, AttemptState.STARTING, amount,
                openId, clientIp, Optional.empty(), Optional.empty(), Optional.empty(), now, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public PaymentChannel channel() {
        return scene.channel();
    }

    /** The trade as the provider knows it. */
    public TradeRef ref() {
        return new TradeRef(scene.channel(), outTradeNo);
    }

    /** The provider opened it; {@code link} is what the buyer pays with. */
    public PaymentAttempt opened(PayLink link) {
        requireState(AttemptState.STARTING);
        return new PaymentAttempt(outTradeNo, orderNo, attempt, scene, AttemptState.OPEN, amount, openId, clientIp,
                Optional.of(link), tradeState, providerState, createdAt, checkedAt, failure, endedAt);
    }

    /** Creating it failed ({@code why}, as logged): it ends here. */
    public PaymentAttempt failed(String why, Instant at) {
        requireState(AttemptState.STARTING);
        return new PaymentAttempt(outTradeNo, orderNo, attempt, scene, AttemptState.FAILED, amount, openId, clientIp,
                payLink, tradeState, providerState, createdAt, checkedAt, Optional.of(why), Optional.of(at));
    }

    /** The provider answered a query with {@code state} ({@code providerWord} in its words) at {@code at}. */
    public PaymentAttempt checked(TradeState state, String providerWord, Instant at) {
        return new PaymentAttempt(outTradeNo, orderNo, attempt, scene, this.state, amount, openId, clientIp,
                payLink, Optional.of(state), Optional.of(providerWord), createdAt, Optional.of(at), failure, endedAt);
    }

    /** The provider was asked at {@code at} and could not be heard: only the time changes, so the next ask waits its turn. */
    public PaymentAttempt asked(Instant at) {
        return new PaymentAttempt(outTradeNo, orderNo, attempt, scene, state, amount, openId, clientIp,
                payLink, tradeState, providerState, createdAt, Optional.of(at), failure, endedAt);
    }

    /** Closed at the provider (or nothing there to close) at {@code at}. */
    public PaymentAttempt closed(Instant at) {
        if (!state.isOpen()) throw new IllegalStateException(outTradeNo + " is " + state + ", not open");
        return new PaymentAttempt(outTradeNo, orderNo, attempt, scene, AttemptState.CLOSED, amount, openId, clientIp,
                payLink, tradeState, providerState, createdAt, Optional.of(at), failure, Optional.of(at));
    }

    /** Paid at the provider, learned at {@code at}. */
    public PaymentAttempt paid(Instant at) {
        if (!state.isOpen()) throw new IllegalStateException(outTradeNo + " is " + state + ", not open");
        return new PaymentAttempt(outTradeNo, orderNo, attempt, scene, AttemptState.PAID, amount, openId, clientIp,
                payLink, Optional.of(TradeState.PAID), providerState, createdAt, checkedAt, failure, Optional.of(at));
    }

    private void requireState(AttemptState expected) {
        if (state != expected) throw new IllegalStateException(outTradeNo + " is " + state + ", not " + expected);
    }
}
