package dev.ordersystem.core.port.provider;

/**
 * The provider refused to close because the trade is paid (WeChat {@code ORDERPAID}, Alipay
 * {@code ACQ.TRADE_STATUS_ERROR} on a paid trade): query it to learn the payment.
 *
 * @param providerCode the provider's error code, for logs
 */
public record CloseRefusedPaid(String providerCode) implements TradeClosing {
}
