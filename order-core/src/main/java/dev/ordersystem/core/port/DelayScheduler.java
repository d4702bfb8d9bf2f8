package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.OrderNo;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The payment-timeout queue: one job per pending order, due at its {@code expires_at}.
 * At-least-once: a claimed job that is neither completed nor retried before its lease ends is
 * claimed again, by this or another instance. A job can be lost (the store may lose data), which
 * is why the database sweep exists as the backstop.
 */
public interface DelayScheduler {

    /** Schedules (or reschedules) the expiry of {@code orderNo} at {@code dueAt}. */
    void schedule(OrderNo orderNo, Instant dueAt);

    /** As {@link #schedule} for each order, in one call (a group of placements committed together). */
    default void scheduleAll(Map<OrderNo, Instant> dueAt) {
        dueAt.forEach(this::schedule);
    }

    /** Drops the job of {@code orderNo}, if any (the order was paid or cancelled). */
    void cancel(OrderNo orderNo);

    /** As {@link #cancel} for each order, in one call (a sweep's batch of cancelled orders). */
    default void cancelAll(Collection<OrderNo> orderNos) {
        orderNos.forEach(this::cancel);
    }

    /** Claims up to {@code max} jobs due at {@code now}, each for {@code lease}. */
    List<DueJob> claimDue(Instant now, int max, Duration lease);

    /** The job ran: forget it. */
    void complete(DueJob job);

    /** The job failed: run it again at {@code nextAttempt}. */
    void retry(DueJob job, Instant nextAttempt);

    /** The due time of the earliest job waiting to be claimed (leased jobs not counted), for the queue-lag metric. */
    Optional<Instant> earliestWaiting();

    /** A claimed job; {@code attempt} counts from 1. */
    record DueJob(OrderNo orderNo, int attempt) {
    }
}
