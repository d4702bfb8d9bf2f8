package dev.ordersystem.core.port.provider;

/** The answer to {@link PaymentProvider#create}: the trade is open with what the buyer needs, or a failure. */
public sealed interface TradeCreation permits TradeOpened, ProviderFailure {
}
