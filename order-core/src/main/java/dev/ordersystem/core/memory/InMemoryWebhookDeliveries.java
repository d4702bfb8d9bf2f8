package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.DeliveryStatus;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.WebhookAttempt;
import dev.ordersystem.core.domain.WebhookDelivery;
import dev.ordersystem.core.domain.WebhookEndpoint;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.WebhookDeliveries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** Webhook deliveries in memory; the store's one lock stands in for the row locks of the SQL store. */
final class InMemoryWebhookDeliveries implements WebhookDeliveries {
    private final InMemoryStore store;
    private final InMemoryOutbox outbox;
    private final InMemoryWebhookEndpoints endpoints;
    private final NavigableMap<Long, WebhookDelivery> deliveries = new TreeMap<>();
    /** Per delivery id, its attempts in the order they were recorded. */
    private final Map<Long, List<WebhookAttempt>> attempts = new HashMap<>();
    private final AtomicLong ids = new AtomicLong();

    InMemoryWebhookDeliveries(InMemoryStore store, InMemoryOutbox outbox, InMemoryWebhookEndpoints endpoints) {
        this.store = store;
        this.outbox = outbox;
        this.endpoints = endpoints;
    }

    @Override
    public void addAll(List<NewDelivery> added) {
        store.inTransaction(() -> {
            for (NewDelivery d : added) {
                if (!endpoints.endpoints.containsKey(d.endpointId())) throw new NotFound("webhook endpoint " + d.endpointId());
                long id = ids.incrementAndGet();
                store.put(deliveries, id, new WebhookDelivery(id, d.endpointId(), outbox.publishedById(d.event().id()),
                        DeliveryStatus.PENDING, 0, d.dueAt(), 0, null, 0, d.dueAt(), null));
            }
            return null;
        });
    }

    @Override
    public List<WebhookDelivery> claimDue(Instant now, int limit, Instant leaseUntil) {
        return store.inTransaction(() -> {
            // The earliest pending delivery of each (endpoint, order): only it may go.
            Set<String> heads = new HashSet<>();
            Set<String> seen = new HashSet<>();
            for (WebhookDelivery d : deliveries.values().stream()
                    .filter(d -> d.status() == DeliveryStatus.PENDING)
                    .sorted(Comparator.comparingLong((WebhookDelivery d) -> d.event().position())).toList()) {
                String key = d.endpointId() + "|" + d.event().subject().key();
                if (seen.add(key)) heads.add(key + "|" + d.id());
            }
            List<WebhookDelivery> claimed = new ArrayList<>();
            for (WebhookDelivery d : deliveries.values().stream()
                    .filter(d -> d.status() == DeliveryStatus.PENDING && !d.nextAttemptAt().isAfter(now))
                    .filter(d -> heads.contains(d.endpointId() + "|" + d.event().subject().key() + "|" + d.id()))
                    .filter(d -> receives(d.endpointId()))
                    .sorted(Comparator.comparing(WebhookDelivery::nextAttemptAt)).limit(limit).toList()) {
                WebhookDelivery leased = withNext(d, leaseUntil);
                store.put(deliveries, d.id(), leased);
                claimed.add(leased);
            }
            return claimed;
        });
    }

    private boolean receives(long endpointId) {
        WebhookEndpoint endpoint = endpoints.endpoints.get(endpointId);
        return endpoint != null && endpoint.state().receives();
    }

    private static WebhookDelivery withNext(WebhookDelivery d, Instant next) {
        return new WebhookDelivery(d.id(), d.endpointId(), d.event(), d.status(), d.attempts(), next, d.lastStatusCode(),
                d.lastError(), d.lastLatencyMillis(), d.createdAt(), d.settledAt());
    }

    @Override
    public void recordAll(List<AttemptResult> results) {
        store.inTransaction(() -> {
            for (AttemptResult r : results) {
                WebhookDelivery d = deliveries.get(r.deliveryId());
                if (d == null) continue;
                List<WebhookAttempt> before = attempts.getOrDefault(d.id(), List.of());
                List<WebhookAttempt> after = new ArrayList<>(before);
                after.add(new WebhookAttempt(r.at(), r.statusCode(), r.latencyMillis(), r.error()));
                store.put(attempts, d.id(), List.copyOf(after));
                if (!stillHeld(d, r.claim())) continue;
                store.put(deliveries, d.id(), new WebhookDelivery(d.id(), d.endpointId(), d.event(), r.status(), d.attempts() + 1,
                        r.nextAttemptAt(), r.statusCode(), r.error(), r.latencyMillis(), d.createdAt(),
                        r.status().settled() ? r.at() : null));
            }
            return null;
        });
    }

    private static boolean stillHeld(WebhookDelivery d, Claim claim) {
        return d.status() == DeliveryStatus.PENDING && d.attempts() == claim.attempts()
                && d.nextAttemptAt().equals(claim.leaseUntil());
    }

    @Override
    public Map<Long, List<WebhookAttempt>> attemptsOf(Collection<Long> deliveryIds, int perDelivery) {
        return store.read(() -> {
            Map<Long, List<WebhookAttempt>> found = new HashMap<>();
            for (Long id : deliveryIds) {
                List<WebhookAttempt> its = attempts.get(id);
                if (its == null) continue;
                List<WebhookAttempt> newestFirst = new ArrayList<>(its.reversed());
                found.put(id, List.copyOf(newestFirst.subList(0, Math.min(perDelivery, newestFirst.size()))));
            }
            return found;
        });
    }

    @Override
    public Optional<WebhookDelivery> find(long id) {
        return store.read(() -> Optional.ofNullable(deliveries.get(id)));
    }

    @Override
    public Page<WebhookDelivery> ofEndpoint(long endpointId, PageRequest page) {
        long before = page.after().isPresent() ? Pages.numericKey(page) : Long.MAX_VALUE;
        return store.read(() -> Pages.of(deliveries.headMap(before, false).descendingMap().values().stream()
                .filter(d -> d.endpointId() == endpointId), page, d -> Long.toString(d.id())));
    }

    @Override
    public void retry(long id, Instant now) {
        store.inTransaction(() -> {
            WebhookDelivery d = deliveries.get(id);
            if (d == null) throw new NotFound("webhook delivery " + id);
            store.put(deliveries, id, new WebhookDelivery(id, d.endpointId(), d.event(), DeliveryStatus.PENDING, d.attempts(),
                    now, d.lastStatusCode(), d.lastError(), d.lastLatencyMillis(), d.createdAt(), null));
            return null;
        });
    }

    @Override
    public Optional<Instant> earliestDue(Instant now) {
        return store.read(() -> deliveries.values().stream()
                .filter(d -> d.status() == DeliveryStatus.PENDING && !d.nextAttemptAt().isAfter(now) && receives(d.endpointId()))
                .map(WebhookDelivery::nextAttemptAt).min(Comparator.naturalOrder()));
    }

    void deleteOfEndpoint(long endpointId) {
        for (WebhookDelivery d : List.copyOf(deliveries.values())) {
            if (d.endpointId() == endpointId) {
                store.remove(deliveries, d.id());
                if (attempts.containsKey(d.id())) store.remove(attempts, d.id());
            }
        }
    }
}
