package dev.ordersystem.core.port.provider;

/**
 * The provider has no trade under this number to close (Alipay {@code ACQ.TRADE_NOT_EXIST}: the
 * buyer never scanned or opened it). Its deadline still stops a payment after the order's
 * {@code expiresAt}.
 */
public record TradeNotFound() implements TradeClosing {
}
