package dev.ordersystem.core.port.provider;

/**
 * The answer to {@link PaymentProvider#close}: closed, nothing there to close, refused because
 * the trade is paid, or a failure.
 */
public sealed interface TradeClosing permits TradeClosed, TradeNotFound, CloseRefusedPaid, ProviderFailure {
}
