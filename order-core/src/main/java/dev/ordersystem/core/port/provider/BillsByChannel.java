package dev.ordersystem.core.port.provider;

import dev.ordersystem.core.domain.PaymentChannel;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One {@link ProviderBills} over several, each serving its own channels; a channel nobody serves is refused. */
public final class BillsByChannel implements ProviderBills {
    private final Map<PaymentChannel, ProviderBills> byChannel = new EnumMap<>(PaymentChannel.class);

    public BillsByChannel(List<ProviderBills> sources) {
        for (ProviderBills source : sources) {
            for (PaymentChannel channel : source.channels()) {
                if (byChannel.putIfAbsent(channel, source) != null) throw new IllegalArgumentException("two bill sources serve " + channel);
            }
        }
    }

    /** Serves no channel (no provider configured). */
    public static ProviderBills none() {
        return new BillsByChannel(List.of());
    }

    @Override
    public Set<PaymentChannel> channels() {
        return byChannel.isEmpty() ? Set.of() : Set.copyOf(byChannel.keySet());
    }

    @Override
    public BillFetch tradeBill(PaymentChannel channel, LocalDate billDate) {
        ProviderBills source = byChannel.get(channel);
        if (source == null) throw new IllegalArgumentException("no bill source serves " + channel);
        return source.tradeBill(channel, billDate);
    }
}
