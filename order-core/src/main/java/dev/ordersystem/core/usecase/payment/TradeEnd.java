package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.port.provider.PaidTrade;
import dev.ordersystem.core.port.provider.ProviderFailure;

/** How closing an order's open trade ended (DESIGN §13). */
public sealed interface TradeEnd {

    /** Closed at the provider, or it had no such trade: nobody can pay it now. */
    record Closed() implements TradeEnd {
    }

    /** The provider refused to close because it is paid; the payment has been applied like a notification. */
    record Paid(PaidTrade payment, PaymentOutcome outcome) implements TradeEnd {
    }

    /** The provider could not be heard: the trade may still be open (its deadline stops late payments). */
    record Unsettled(ProviderFailure failure) implements TradeEnd {
    }
}
