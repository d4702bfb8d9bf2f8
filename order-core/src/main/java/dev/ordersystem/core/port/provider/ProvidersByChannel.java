package dev.ordersystem.core.port.provider;

import dev.ordersystem.core.domain.PaymentChannel;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@link PaymentProvider} over several, each serving its own channels (the WeChat Pay adapter,
 * the Alipay adapter): a call goes to the provider of its trade's channel. A channel nobody serves
 * is refused with an {@link IllegalArgumentException}: the use cases check {@link #channels()} first.
 */
public final class ProvidersByChannel implements PaymentProvider {
    private final Map<PaymentChannel, PaymentProvider> byChannel = new EnumMap<>(PaymentChannel.class);

    public ProvidersByChannel(List<PaymentProvider> providers) {
        for (PaymentProvider provider : providers) {
            for (PaymentChannel channel : provider.channels()) {
                if (byChannel.putIfAbsent(channel, provider) != null) {
                    throw new IllegalArgumentException("two providers serve " + channel);
                }
            }
        }
    }

    /** A provider serving no channel: every trade is refused before any call (no provider configured). */
    public static PaymentProvider none() {
        return new ProvidersByChannel(List.of());
    }

    @Override
    public Set<PaymentChannel> channels() {
        return byChannel.isEmpty() ? Set.of() : Set.copyOf(byChannel.keySet());
    }

    @Override
    public TradeCreation create(NewTrade trade) {
        return serving(trade.channel()).create(trade);
    }

    @Override
    public TradeLookup query(TradeRef trade) {
        return serving(trade.channel()).query(trade);
    }

    @Override
    public TradeClosing close(TradeRef trade) {
        return serving(trade.channel()).close(trade);
    }

    @Override
    public RefundAnswer refund(RefundCall refund) {
        return serving(refund.channel()).refund(refund);
    }

    @Override
    public RefundAnswer queryRefund(RefundCall refund) {
        return serving(refund.channel()).queryRefund(refund);
    }

    private PaymentProvider serving(PaymentChannel channel) {
        PaymentProvider provider = byChannel.get(channel);
        if (provider == null) throw new IllegalArgumentException("no provider serves " + channel);
        return provider;
    }
}
