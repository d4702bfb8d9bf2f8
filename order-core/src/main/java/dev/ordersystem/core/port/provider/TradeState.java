package dev.ordersystem.core.port.provider;

/**
 * A trade's state at the provider, in the core's words. Adapters map the providers' own:
 * <ul>
 *   <li>{@link #NOT_FOUND}: the provider has no trade under this number (WeChat {@code ORDER_NOT_EXIST},
 *       Alipay {@code ACQ.TRADE_NOT_EXIST}: an Alipay trade exists only once the buyer scanned or opened it);</li>
 *   <li>{@link #NOT_PAID}: open, payable until its deadline (WeChat {@code NOTPAY}, {@code USERPAYING},
 *       {@code PAYERROR}; Alipay {@code WAIT_BUYER_PAY});</li>
 *   <li>{@link #PAID}: the money was taken (WeChat {@code SUCCESS}, and {@code REFUND}: paid, then a
 *       refund began; Alipay {@code TRADE_SUCCESS}, {@code TRADE_FINISHED});</li>
 *   <li>{@link #CLOSED}: can no longer be paid (WeChat {@code CLOSED}, {@code REVOKED}; Alipay
 *       {@code TRADE_CLOSED} when nothing was paid).</li>
 * </ul>
 */
public enum TradeState {
    NOT_FOUND, NOT_PAID, PAID, CLOSED
}
