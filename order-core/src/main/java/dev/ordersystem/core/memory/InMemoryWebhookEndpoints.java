package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.EndpointState;
import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.WebhookEndpoint;
import dev.ordersystem.core.domain.WebhookSecret;
import dev.ordersystem.core.port.WebhookEndpoints;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** Webhook endpoints in memory, numbered in creation order. */
final class InMemoryWebhookEndpoints implements WebhookEndpoints {
    private final InMemoryStore store;
    final NavigableMap<Long, WebhookEndpoint> endpoints = new TreeMap<>();
    private final AtomicLong ids = new AtomicLong();
    private InMemoryWebhookDeliveries deliveries;

    InMemoryWebhookEndpoints(InMemoryStore store) {
        this.store = store;
    }

    void deliveries(InMemoryWebhookDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public WebhookEndpoint add(URI url, Set<EventType> events, EndpointState state, WebhookSecret secret, Instant createdAt) {
        return store.inTransaction(() -> {
            WebhookEndpoint endpoint = new WebhookEndpoint(ids.incrementAndGet(), url, events, state, secret, createdAt, null);
            store.put(endpoints, endpoint.id(), endpoint);
            return endpoint;
        });
    }

    @Override
    public Optional<WebhookEndpoint> find(long id) {
        return store.read(() -> Optional.ofNullable(endpoints.get(id)));
    }

    @Override
    public List<WebhookEndpoint> all() {
        return store.read(() -> List.copyOf(endpoints.values()));
    }

    @Override
    public void update(WebhookEndpoint changed) {
        store.inTransaction(() -> {
            if (!endpoints.containsKey(changed.id())) throw new NotFound("webhook endpoint " + changed.id());
            store.put(endpoints, changed.id(), changed);
            return null;
        });
    }

    @Override
    public void delete(long id) {
        store.inTransaction(() -> {
            if (!endpoints.containsKey(id)) throw new NotFound("webhook endpoint " + id);
            deliveries.deleteOfEndpoint(id);
            store.remove(endpoints, id);
            return null;
        });
    }
}
