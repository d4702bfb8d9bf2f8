package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.WebhookDelivery;

/** One delivery of an event to an endpoint with what its last attempt found ({@code lastStatusCode} 0: no answer). */
public record WebhookDeliveryView(long id, long endpointId, String webhookId, String eventType, String orderNo, String status,
                                  int attempts, String nextAttemptAt, int lastStatusCode, String lastError,
                                  long lastLatencyMillis, String createdAt, String settledAt) {
    public static WebhookDeliveryView of(WebhookDelivery d) {
        return new WebhookDeliveryView(d.id(), d.endpointId(), d.event().webhookId(), d.event().type().wireName(),
                d.event().orderNo().value(), d.status().name(), d.attempts(),
                d.status().settled() ? null : JsonTimes.iso(d.nextAttemptAt()), d.lastStatusCode(), d.lastError(),
                d.lastLatencyMillis(), JsonTimes.iso(d.createdAt()), JsonTimes.iso(d.settledAt()));
    }
}
