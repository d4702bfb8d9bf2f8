package dev.ordersystem.core.port.provider;

import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.domain.PaymentChannel;

import java.util.Objects;

/** One trade at one provider, as the merchant names it: the channel and the out_trade_no. */
public record TradeRef(PaymentChannel channel, OutTradeNo outTradeNo) {
    public TradeRef {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(outTradeNo, "outTradeNo");
    }
}
