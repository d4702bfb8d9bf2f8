package dev.ordersystem.core.port.provider;

/** The trade is closed at the provider (now, or it was before): it can no longer be paid. */
public record TradeClosed() implements TradeClosing {
}
