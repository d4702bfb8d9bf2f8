package dev.ordersystem.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt of a webhook delivery, as the admin's deliveries page lists them (DESIGN §15).
 *
 * @param statusCode    the answer's HTTP status; 0: no answer (timeout, refused connection, refused address)
 * @param latencyMillis how long the attempt took
 * @param error         why it failed; null when it was answered 2xx
 */
public record WebhookAttempt(Instant at, int statusCode, long latencyMillis, String error) {
    public WebhookAttempt {
        Objects.requireNonNull(at, "at");
    }
}
