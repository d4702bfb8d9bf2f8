package dev.ordersystem.core.port.provider;

import dev.ordersystem.core.domain.PaymentChannel;

import java.util.Set;

/**
 * A payment provider seen from the use cases (DESIGN §13): one implementation may serve several
 * channels (a router over the WeChat Pay and Alipay adapters). Calls go over the network: a use
 * case never makes one inside a transaction or while it holds a row lock. Implementations bound
 * every call by a timeout of a few seconds, retry only what is safe to repeat (query, close, and
 * create with the same out_trade_no), and never throw for what the provider or the network did:
 * those come back as a {@link ProviderFailure}. They are thread-safe.
 */
public interface PaymentProvider {

    /** The channels this provider can reach (configured); a trade on another one is refused before any call. */
    Set<PaymentChannel> channels();

    /**
     * Creates the provider-side trade of {@code trade}: WeChat {@code POST /v3/pay/transactions/native|jsapi|h5},
     * Alipay {@code alipay.trade.precreate} (QR), or the signed {@code alipay.trade.page.pay} /
     * {@code alipay.trade.wap.pay} address (PAGE, WAP). The provider's deadline is {@link NewTrade#expiresAt()}.
     */
    TradeCreation create(NewTrade trade);

    /** What the provider knows of the trade now: WeChat {@code GET …/out-trade-no/{no}}, Alipay {@code alipay.trade.query}. */
    TradeLookup query(TradeRef trade);

    /**
     * Closes the trade so it can no longer be paid: WeChat {@code POST …/out-trade-no/{no}/close},
     * Alipay {@code alipay.trade.close}. Closing a trade closed before answers {@link TradeClosed}.
     */
    TradeClosing close(TradeRef trade);

    /**
     * Asks for a refund: WeChat {@code POST /v3/refund/domestic/refunds}, Alipay {@code alipay.trade.refund}.
     * Safe to repeat with the same {@link RefundCall#refundNo()}: the provider refunds once per number.
     */
    RefundAnswer refund(RefundCall refund);

    /**
     * What the provider knows of a refund asked for before: WeChat {@code GET /v3/refund/domestic/refunds/{out_refund_no}},
     * Alipay {@code alipay.trade.fastpay.refund.query}.
     */
    RefundAnswer queryRefund(RefundCall refund);
}
