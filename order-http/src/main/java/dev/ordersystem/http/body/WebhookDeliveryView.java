package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.WebhookAttempt;
import dev.ordersystem.core.domain.WebhookDelivery;

import java.util.List;

/**
 * One delivery of an event to an endpoint with what its last attempt found ({@code lastStatusCode}
 * 0: no answer) and its attempts, newest first ({@code attemptLog}, at most the last
 * {@link #ATTEMPTS_SHOWN}).
 */
public record WebhookDeliveryView(long id, long endpointId, String webhookId, String eventType, String orderNo, Long productId,
                                  String status, int attempts, String nextAttemptAt, int lastStatusCode, String lastError,
                                  long lastLatencyMillis, String createdAt, String settledAt, List<AttemptView> attemptLog) {
    public static final int ATTEMPTS_SHOWN = 20;

    /** One attempt: when, the answer's status (0: none), how long it took, why it failed (null: answered 2xx). */
    public record AttemptView(String at, int statusCode, long latencyMillis, String error) {
        static AttemptView of(WebhookAttempt a) {
            return new AttemptView(JsonTimes.iso(a.at()), a.statusCode(), a.latencyMillis(), a.error());
        }
    }

    public static WebhookDeliveryView of(WebhookDelivery d, List<WebhookAttempt> attempts) {
        return new WebhookDeliveryView(d.id(), d.endpointId(), d.event().webhookId(), d.event().type().wireName(),
                SubjectFields.orderNo(d.event().subject()), SubjectFields.productId(d.event().subject()), d.status().name(),
                d.attempts(), d.status().settled() ? null : JsonTimes.iso(d.nextAttemptAt()), d.lastStatusCode(), d.lastError(),
                d.lastLatencyMillis(), JsonTimes.iso(d.createdAt()), JsonTimes.iso(d.settledAt()),
                attempts.stream().map(AttemptView::of).toList());
    }
}
