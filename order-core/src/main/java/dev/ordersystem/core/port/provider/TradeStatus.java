package dev.ordersystem.core.port.provider;

import java.util.Objects;
import java.util.Optional;

/**
 * What the provider said of a trade.
 *
 * @param state         the state in the core's words
 * @param providerState the provider's own word for it ({@code NOTPAY}, {@code TRADE_SUCCESS}, …), for logs and the poll
 * @param payment       the payment, present exactly when {@code state} is {@link TradeState#PAID}
 */
public record TradeStatus(TradeState state, String providerState, Optional<PaidTrade> payment) implements TradeLookup {
    public TradeStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(providerState, "providerState");
        Objects.requireNonNull(payment, "payment");
        if (payment.isPresent() != (state == TradeState.PAID)) {
            throw new IllegalArgumentException("a payment goes with PAID and only with it: " + state);
        }
    }

    public static TradeStatus paid(String providerState, PaidTrade payment) {
        return new TradeStatus(TradeState.PAID, providerState, Optional.of(payment));
    }

    public static TradeStatus unpaid(TradeState state, String providerState) {
        return new TradeStatus(state, providerState, Optional.empty());
    }
}
