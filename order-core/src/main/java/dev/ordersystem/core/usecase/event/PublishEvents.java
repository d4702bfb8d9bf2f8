package dev.ordersystem.core.usecase.event;

import dev.ordersystem.core.domain.PublishedEvent;
import dev.ordersystem.core.domain.WebhookEndpoint;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.Transactions;
import dev.ordersystem.core.port.WebhookDeliveries;
import dev.ordersystem.core.port.WebhookDeliveries.NewDelivery;
import dev.ordersystem.core.port.WebhookEndpoints;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * After commit, outside every order's transaction: gives committed events their feed position and
 * queues one delivery per subscribed endpoint, in one short transaction per batch. One instance
 * publishes at a time; the others find the turn taken and go on to deliver.
 */
public final class PublishEvents {
    private static final int MAX_BATCHES_PER_RUN = 100;

    private final Transactions transactions;
    private final Outbox outbox;
    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final int batchSize;
    private final Clock clock;

    public PublishEvents(Transactions transactions, Outbox outbox, WebhookEndpoints endpoints, WebhookDeliveries deliveries,
                         int batchSize, Clock clock) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** Returns how many events this run published. */
    public int run() {
        int published = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            int done = transactions.inTransaction(() -> {
                List<PublishedEvent> events = outbox.publishNext(batchSize);
                if (events.isEmpty()) return 0;
                Instant now = clock.instant();
                List<WebhookEndpoint> subscribed = endpoints.all();
                List<NewDelivery> queued = new ArrayList<>();
                for (PublishedEvent event : events) {
                    for (WebhookEndpoint endpoint : subscribed) {
                        if (endpoint.wants(event.type())) queued.add(new NewDelivery(endpoint.id(), event, now));
                    }
                }
                if (!queued.isEmpty()) deliveries.addAll(queued);
                return events.size();
            });
            published += done;
            if (done < batchSize) break;
        }
        return published;
    }
}
