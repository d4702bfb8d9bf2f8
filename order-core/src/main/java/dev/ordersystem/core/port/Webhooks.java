package dev.ordersystem.core.port;

import java.util.Objects;

/** The webhook tables of one store, sharing its transaction boundary. */
public record Webhooks(WebhookEndpoints endpoints, WebhookDeliveries deliveries) {
    public Webhooks {
        Objects.requireNonNull(endpoints);
        Objects.requireNonNull(deliveries);
    }
}
