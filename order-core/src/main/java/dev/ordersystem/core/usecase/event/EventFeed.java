package dev.ordersystem.core.usecase.event;

import dev.ordersystem.core.domain.PublishedEvent;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.WebhookDeliveries;

import java.time.Instant;
import java.util.Optional;

import java.util.List;

/** {@code GET /api/v1/admin/events?after=}: the published events after a position, for consumers that pull. */
public final class EventFeed {
    private final Outbox outbox;
    private final WebhookDeliveries deliveries;

    public EventFeed(Outbox outbox, WebhookDeliveries deliveries) {
        this.outbox = outbox;
        this.deliveries = deliveries;
    }

    public List<PublishedEvent> after(long position, int limit) {
        return outbox.after(position, limit);
    }

    /** Events committed and not published yet (a gauge of the publisher's lag). */
    public long unpublished() {
        return outbox.unpublished();
    }

    /** When the earliest due webhook delivery fell due (a gauge of the delivery lag); empty when none waits. */
    public Optional<Instant> earliestDueDelivery(Instant now) {
        return deliveries.earliestDue(now);
    }
}
