package dev.ordersystem.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One event on its way to one endpoint, with what its attempts found.
 *
 * @param lastStatusCode    HTTP status of the last attempt (0: no answer)
 * @param lastError         why the last attempt failed (null when it was answered 2xx or not made yet)
 * @param lastLatencyMillis how long the last attempt took
 */
public record WebhookDelivery(long id, long endpointId, PublishedEvent event, DeliveryStatus status, int attempts,
                              Instant nextAttemptAt, int lastStatusCode, String lastError, long lastLatencyMillis,
                              Instant createdAt, Instant settledAt) {

    public WebhookDelivery {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
