package dev.ordersystem.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An event of the outbox once committed and given its place in the feed.
 *
 * @param id       the event's own number: {@code webhook-id} is {@code evt_<id>}, receivers deduplicate on it
 * @param position its place in the feed ({@code GET /api/v1/admin/events?after=}); positions are handed out
 *                 after commit, one publisher at a time, so a reader that saw position n never later
 *                 finds a smaller one appear
 */
public record PublishedEvent(long id, long position, EventType type, EventSubject subject, String data, Instant occurredAt) {

    public PublishedEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** The order it is about; null for a product's event. */
    public OrderNo orderNo() {
        return subject.orderNo();
    }

    /** The Standard Webhooks message id. */
    public String webhookId() {
        return "evt_" + id;
    }
}
