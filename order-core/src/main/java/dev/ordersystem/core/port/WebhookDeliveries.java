package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.DeliveryStatus;
import dev.ordersystem.core.domain.WebhookDelivery;

import java.time.Instant;
import java.util.List;
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

    /** Records an attempt on a {@code PENDING} delivery (one already settled, by a worker whose lease ran out, stays so). */
    void record(AttemptResult result);

    Optional<WebhookDelivery> find(long id);

    /** An endpoint's deliveries, newest first. */
    Page<WebhookDelivery> ofEndpoint(long endpointId, PageRequest page);

    /** Makes a delivery {@code PENDING} and due at {@code now} again. @throws dev.ordersystem.core.domain.NotFound */
    void retry(long id, Instant now);

    /** When the earliest pending delivery to an enabled endpoint fell due, if any is due. */
    Optional<Instant> earliestDue(Instant now);
}
