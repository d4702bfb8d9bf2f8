package dev.ordersystem.core.port.provider;

/** The answer to {@link PaymentProvider#query}: the trade's state at the provider, or a failure. */
public sealed interface TradeLookup permits TradeStatus, ProviderFailure {
}
