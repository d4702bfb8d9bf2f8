package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.DeliveryStatus;
import dev.ordersystem.core.domain.WebhookAttempt;
import dev.ordersystem.core.domain.WebhookDelivery;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Deliveries of published events to endpoints. Joins the caller's transaction. */
public interface WebhookDeliveries {

    /** One new {@code PENDING} delivery of event {@code eventId} to {@code endpointId}, due at {@code dueAt}. */
    record NewDelivery(long endpointId, long eventId, Instant dueAt) {
    }

    void addAll(List<NewDelivery> deliveries);

    /**
     * Claims up to {@code limit} deliveries to enabled endpoints that are {@code PENDING}, due at
     * {@code now}, and the earliest pending one of their (endpoint, order): their next attempt moves
     * to {@code leaseUntil}, so no other worker takes them meanwhile (rows locked with
     * {@code FOR UPDATE SKIP LOCKED}, so workers on several instances claim side by side).
     */
    List<WebhookDelivery> claimDue(Instant now, int limit, Instant leaseUntil);

    /** What one attempt found; {@code status} PENDING with the next attempt's time, or settled. */
    record AttemptResult(long deliveryId, DeliveryStatus status, Instant nextAttemptAt, int statusCode, String error,
                         long latencyMillis, Instant at) {
    }

    /**
     * Records attempts: each in the delivery's history of attempts, and on a {@code PENDING}
     * delivery as its last attempt and new state (one already settled, by a worker whose lease ran
     * out, stays so). One round trip for a worker's whole batch where the store can.
     */
    void recordAll(List<AttemptResult> results);

    /** Records one attempt, as {@link #recordAll(List)}. */
    default void record(AttemptResult result) {
        recordAll(List.of(result));
    }

    /** The attempts of each of {@code deliveryIds}, newest first, at most {@code perDelivery} each; none: absent. */
    Map<Long, List<WebhookAttempt>> attemptsOf(Collection<Long> deliveryIds, int perDelivery);

    Optional<WebhookDelivery> find(long id);

    /** An endpoint's deliveries, newest first. */
    Page<WebhookDelivery> ofEndpoint(long endpointId, PageRequest page);

    /** Makes a delivery {@code PENDING} and due at {@code now} again. @throws dev.ordersystem.core.domain.NotFound */
    void retry(long id, Instant now);

    /** When the earliest pending delivery to an enabled endpoint fell due, if any is due. */
    Optional<Instant> earliestDue(Instant now);
}
