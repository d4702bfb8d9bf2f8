package dev.ordersystem.core.usecase.event;

import dev.ordersystem.core.domain.PublishedEvent;
import dev.ordersystem.core.port.Outbox;

import java.util.List;

/** {@code GET /api/v1/admin/events?after=}: the published events after a position, for consumers that pull. */
public final class EventFeed {
    private final Outbox outbox;

    public EventFeed(Outbox outbox) {
        this.outbox = outbox;
    }

    public List<PublishedEvent> after(long position, int limit) {
        return outbox.after(position, limit);
    }

    /** Events committed and not published yet (a gauge of the publisher's lag). */
    public long unpublished() {
        return outbox.unpublished();
    }
}
