package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.DeliveryStatus;
import dev.ordersystem.core.domain.PublishedEvent;
import dev.ordersystem.core.domain.WebhookAttempt;
import dev.ordersystem.core.domain.WebhookDelivery;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Deliveries of published events to endpoints. Joins the caller's transaction. */
public interface WebhookDeliveries {

    /**
     * One new {@code PENDING} delivery of {@code event} to {@code endpointId}, due at {@code dueAt}
     * (the event as published: the store keeps its subject and feed position with the delivery
     * without reading the event again).
     */
    record NewDelivery(long endpointId, PublishedEvent event, Instant dueAt) {
    }

    void addAll(List<NewDelivery> deliveries);

    /**
     * Claims up to {@code limit} deliveries to enabled endpoints that are {@code PENDING}, due at
     * {@code now}, and the earliest pending one of their (endpoint, order): their next attempt moves
     * to {@code leaseUntil}, so no other worker takes them meanwhile (rows locked with
     * {@code FOR UPDATE SKIP LOCKED}, so workers on several instances claim side by side). They
     * come back as claimed: their {@code nextAttemptAt} is the lease as the store holds it, so
     * {@link Claim#of} names the claim an outcome is recorded under.
     */
    List<WebhookDelivery> claimDue(Instant now, int limit, Instant leaseUntil);

    /**
     * A worker's hold on a delivery it claimed: the attempts it had and the lease it was claimed
     * until. Another claim (after the lease ran out) moves the lease, an outcome recorded adds an
     * attempt; either way the hold is gone.
     */
    record Claim(long deliveryId, int attempts, Instant leaseUntil) {
        /** The claim on a delivery as {@link #claimDue} returned it. */
        public static Claim of(WebhookDelivery claimed) {
            return new Claim(claimed.id(), claimed.attempts(), claimed.nextAttemptAt());
        }
    }

    /** What one attempt under {@code claim} found; {@code status} PENDING with the next attempt's time, or settled. */
    record AttemptResult(Claim claim, DeliveryStatus status, Instant nextAttemptAt, int statusCode, String error,
                         long latencyMillis, Instant at) {
        public long deliveryId() {
            return claim.deliveryId();
        }
    }

    /**
     * Records attempts: each in the delivery's history of attempts, and as the delivery's last
     * attempt and new state only while the worker still holds its claim — the delivery is
     * {@code PENDING} with the attempts and lease it was claimed with. A worker whose lease ran out
     * reports late: by then the delivery may be settled, or claimed by another worker that is
     * sending it; overwriting that worker's lease with this outcome's next attempt would let a
     * third worker send it again meanwhile. One round trip for a worker's whole batch where the
     * store can.
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
