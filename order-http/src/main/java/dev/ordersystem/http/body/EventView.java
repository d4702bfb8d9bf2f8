package dev.ordersystem.http.body;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.ordersystem.core.domain.PublishedEvent;

import java.util.List;

/**
 * An event of the pull feed: the same {@code type}, {@code data} and id a webhook carries, and what
 * it is about ({@code orderNo}, or {@code productId} for {@code stock.low}; the other null).
 */
public record EventView(long id, String webhookId, long position, String type, String orderNo, Long productId,
                        String timestamp, @JsonRawValue String data) {
    public static EventView of(PublishedEvent e) {
        return new EventView(e.id(), e.webhookId(), e.position(), e.type().wireName(), SubjectFields.orderNo(e.subject()),
                SubjectFields.productId(e.subject()), JsonTimes.iso(e.occurredAt()), e.data());
    }

    /** A page of the feed; {@code nextAfter} is what to pass as {@code after} next time (the same when nothing was new). */
    public record Page(List<EventView> items, long nextAfter) {
    }
}
