package dev.ordersystem.core.usecase.event;

import java.time.Duration;
import java.util.Objects;

/**
 * How webhooks are delivered (DESIGN §15).
 *
 * @param pollInterval  how often each instance's worker publishes new events and claims due deliveries
 * @param batchSize     deliveries one worker claims (and sends side by side) per turn
 * @param firstRetry    the pause after the first failed attempt; each further one doubles it, with jitter
 * @param maxRetryDelay the longest pause between two attempts
 * @param retryWindow   how long a delivery is retried before it is {@code FAILED} (at least a day in production)
 * @param disableAfter  how long an endpoint may fail without a success before it is disabled and flagged
 * @param lease         how long a claimed delivery is left to its worker before another may take it (longer than a send)
 * @param pacing        how deliveries yield to placements under load
 */
public record WebhookSettings(Duration pollInterval, int batchSize, Duration firstRetry, Duration maxRetryDelay,
                              Duration retryWindow, Duration disableAfter, Duration lease, DeliveryPacing pacing) {

    public WebhookSettings {
        Objects.requireNonNull(pollInterval);
        Objects.requireNonNull(firstRetry);
        Objects.requireNonNull(maxRetryDelay);
        Objects.requireNonNull(retryWindow);
        Objects.requireNonNull(disableAfter);
        Objects.requireNonNull(lease);
        Objects.requireNonNull(pacing);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be positive");
        if (firstRetry.isNegative() || firstRetry.isZero()) throw new IllegalArgumentException("firstRetry must be positive");
        if (maxRetryDelay.compareTo(firstRetry) < 0) throw new IllegalArgumentException("maxRetryDelay must be >= firstRetry");
    }

    /**
     * Poll every 250 ms, 64 at a time; retry after 5 s, doubling up to 1 h, for a day; disable after
     * a day of failures; never yield to placements (the app configures that, see its README).
     */
    public static WebhookSettings defaults() {
        return new WebhookSettings(Duration.ofMillis(250), 64, Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofDays(1),
                Duration.ofDays(1), Duration.ofSeconds(60), DeliveryPacing.unpaced());
    }

    public WebhookSettings withRetries(Duration first, Duration max, Duration window) {
        return new WebhookSettings(pollInterval, batchSize, first, max, window, disableAfter, lease, pacing);
    }

    public WebhookSettings withDisableAfter(Duration value) {
        return new WebhookSettings(pollInterval, batchSize, firstRetry, maxRetryDelay, retryWindow, value, lease, pacing);
    }

    public WebhookSettings withPollInterval(Duration value) {
        return new WebhookSettings(value, batchSize, firstRetry, maxRetryDelay, retryWindow, disableAfter, lease, pacing);
    }

    public WebhookSettings withLease(Duration value) {
        return new WebhookSettings(pollInterval, batchSize, firstRetry, maxRetryDelay, retryWindow, disableAfter, value, pacing);
    }

    public WebhookSettings withPacing(DeliveryPacing value) {
        return new WebhookSettings(pollInterval, batchSize, firstRetry, maxRetryDelay, retryWindow, disableAfter, lease, value);
    }
}
