package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.OrderEvent;
import dev.ordersystem.core.domain.PublishedEvent;

import java.util.List;

/**
 * The transactional outbox of DESIGN §15: events are appended inside the transaction of the change
 * they report, so they commit or roll back with it, and are published (given their feed position)
 * afterwards.
 */
public interface Outbox {

    /** Appends {@code events}, in their order, inside the caller's transaction. */
    void append(List<OrderEvent> events);

    /**
     * Inside the caller's transaction: gives the next feed positions to up to {@code limit} committed
     * events that have none yet, oldest first, and returns them. One publisher at a time across every
     * instance: while another holds the turn this returns an empty list at once instead of waiting.
     */
    List<PublishedEvent> publishNext(int limit);

    /** Published events with a position after {@code position}, ascending, at most {@code limit}. */
    List<PublishedEvent> after(long position, int limit);

    /** Events committed but not published yet. */
    long unpublished();
}
