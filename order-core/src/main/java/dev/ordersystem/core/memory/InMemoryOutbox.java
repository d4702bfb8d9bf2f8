package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.OrderEvent;
import dev.ordersystem.core.domain.PublishedEvent;
import dev.ordersystem.core.port.Outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox in memory: events by id, and the published ones by position. The store's one lock
 * makes publishers take turns, as the SQL store's sequence row does.
 */
final class InMemoryOutbox implements Outbox {
    private final InMemoryStore store;
    final NavigableMap<Long, OrderEvent> events = new TreeMap<>();
    private final NavigableMap<Long, PublishedEvent> published = new TreeMap<>();
    private final NavigableMap<Long, Long> unpublished = new TreeMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong positions = new AtomicLong();

    InMemoryOutbox(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public void append(List<OrderEvent> appended) {
        store.inTransaction(() -> {
            for (OrderEvent event : appended) {
                long id = ids.incrementAndGet();
                store.put(events, id, event);
                store.put(unpublished, id, id);
            }
            return null;
        });
    }

    @Override
    public List<PublishedEvent> publishNext(int limit) {
        return store.inTransaction(() -> {
            List<PublishedEvent> out = new ArrayList<>();
            for (Long id : List.copyOf(unpublished.keySet()).subList(0, Math.min(limit, unpublished.size()))) {
                OrderEvent event = events.get(id);
                PublishedEvent p = new PublishedEvent(id, positions.incrementAndGet(), event.type(), event.subject(),
                        event.data(), event.occurredAt());
                store.remove(unpublished, id);
                store.put(published, p.position(), p);
                out.add(p);
            }
            return out;
        });
    }

    @Override
    public List<PublishedEvent> after(long position, int limit) {
        return store.read(() -> published.tailMap(position, false).values().stream().limit(limit).toList());
    }

    @Override
    public long unpublished() {
        return store.read(() -> (long) unpublished.size());
    }

    PublishedEvent publishedById(long id) {
        return published.values().stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }
}
