package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.DuplicatePaymentRecord;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.PaymentRecords;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** Payment records, unique on (channel, trade number), numbered in arrival order for paging. */
final class InMemoryPaymentRecords implements PaymentRecords {
    private final InMemoryStore store;
    final NavigableMap<Long, PaymentRecord> records = new TreeMap<>();
    private final Map<String, Long> byTrade = new HashMap<>();
    private final AtomicLong ids = new AtomicLong();

    InMemoryPaymentRecords(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public void add(PaymentRecord record) {
        store.inTransaction(() -> {
            String trade = tradeKey(record.channel(), record.tradeNo());
            if (byTrade.containsKey(trade)) throw new DuplicatePaymentRecord(record.channel(), record.tradeNo());
            long id = ids.incrementAndGet();
            store.put(byTrade, trade, id);
            store.put(records, id, record);
            return null;
        });
    }

    @Override
    public Optional<PaymentRecord> find(PaymentChannel channel, String tradeNo) {
        return store.read(() -> Optional.ofNullable(byTrade.get(tradeKey(channel, tradeNo))).map(records::get));
    }

    @Override
    public List<PaymentRecord> findByOrder(OrderNo orderNo) {
        return store.read(() -> records.values().stream().filter(r -> r.orderNo().equals(orderNo)).toList());
    }

    @Override
    public long countInStatus(PaymentStatus status) {
        return store.read(() -> records.values().stream().filter(r -> r.status() == status).count());
    }

    @Override
    public Page<PaymentRecord> findByStatus(PaymentStatus status, PageRequest page) {
        long after = Pages.numericKey(page);
        return store.read(() -> {
            Page<Map.Entry<Long, PaymentRecord>> entries = Pages.of(records.tailMap(after, false).entrySet().stream()
                    .filter(e -> e.getValue().status() == status), page, e -> Long.toString(e.getKey()));
            return new Page<>(entries.items().stream().map(Map.Entry::getValue).toList(), entries.next());
        });
    }

    @Override
    public void update(PaymentRecord changed, PaymentStatus expected) {
        store.inTransaction(() -> {
            Long id = byTrade.get(tradeKey(changed.channel(), changed.tradeNo()));
            if (id == null || records.get(id).status() != expected) {
                throw new NotFound("payment " + changed.channel() + "/" + changed.tradeNo() + " in status " + expected);
            }
            store.put(records, id, changed);
            return null;
        });
    }

    private static String tradeKey(PaymentChannel channel, String tradeNo) {
        return channel + "|" + tradeNo;
    }
}
