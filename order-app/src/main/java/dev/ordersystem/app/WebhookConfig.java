package dev.ordersystem.app;

import dev.ordersystem.core.usecase.event.DeliveryPacing;
import dev.ordersystem.core.usecase.event.WebhookSettings;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the webhook settings of DESIGN §15: {@code ORDER_WEBHOOK_ALLOW_PRIVATE} (true lets endpoints
 * reach loopback and private addresses; link-local never), {@code ORDER_WEBHOOK_TIMEOUT} (one
 * attempt's whole answer, default PT5S; connecting gets at most 2 s of it),
 * {@code ORDER_WEBHOOK_RETRY_FIRST} / {@code ORDER_WEBHOOK_RETRY_MAX} (the first pause after a
 * failure and the longest, default PT5S / PT1H), {@code ORDER_WEBHOOK_RETRY_WINDOW} (how long a
 * delivery is retried, default P1D) and {@code ORDER_WEBHOOK_DISABLE_AFTER} (how long an endpoint
 * may fail without a success before it is disabled and flagged, default P1D);
 * {@code ORDER_WEBHOOK_BUSY_RATE} (deliveries a second per instance while placements queue, default
 * 250; 0: never yield) and {@code ORDER_WEBHOOK_MAX_LAG} (how long a delivery may wait before the
 * worker stops yielding, default PT60S), see {@link DeliveryPacing}.
 */
public record WebhookConfig(boolean allowPrivate, Duration timeout, WebhookSettings settings) {
    static final String ALLOW_PRIVATE = "ORDER_WEBHOOK_ALLOW_PRIVATE";
    static final String TIMEOUT = "ORDER_WEBHOOK_TIMEOUT";
    static final String RETRY_FIRST = "ORDER_WEBHOOK_RETRY_FIRST";
    static final String RETRY_MAX = "ORDER_WEBHOOK_RETRY_MAX";
    static final String RETRY_WINDOW = "ORDER_WEBHOOK_RETRY_WINDOW";
    static final String DISABLE_AFTER = "ORDER_WEBHOOK_DISABLE_AFTER";
    static final String BUSY_RATE = "ORDER_WEBHOOK_BUSY_RATE";
    static final String MAX_LAG = "ORDER_WEBHOOK_MAX_LAG";
    /**
     * The default pace while placements queue: well above the event rate of most shops (so their
     * deliveries never lag), well below what a flash sale's placements make on a small machine.
     */
    static final DeliveryPacing DEFAULT_PACING = new DeliveryPacing(250, Duration.ofSeconds(60));
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

    /** How long a connection may take: short, and never longer than the whole attempt. */
    public Duration connectTimeout() {
        return timeout.compareTo(Duration.ofSeconds(2)) < 0 ? timeout : Duration.ofSeconds(2);
    }

    static WebhookConfig from(ConfigSource source, List<String> problems) {
        WebhookSettings defaults = WebhookSettings.defaults();
        String allow = source.get(ALLOW_PRIVATE).orElse("false");
        if (!allow.equals("true") && !allow.equals("false")) problems.add(ALLOW_PRIVATE + ": must be true or false, was " + allow);
        Duration timeout = source.positiveDuration(TIMEOUT, Duration.ofSeconds(5), problems);
        if (timeout.compareTo(MAX_TIMEOUT) > 0) problems.add(TIMEOUT + ": at most " + MAX_TIMEOUT + " (a webhook attempt is short), was " + timeout);
        Duration first = source.positiveDuration(RETRY_FIRST, defaults.firstRetry(), problems);
        Duration max = source.positiveDuration(RETRY_MAX, defaults.maxRetryDelay(), problems);
        if (max.compareTo(first) < 0) problems.add(RETRY_MAX + ": must not be shorter than " + RETRY_FIRST);
        Duration window = source.positiveDuration(RETRY_WINDOW, defaults.retryWindow(), problems);
        Duration disable = source.positiveDuration(DISABLE_AFTER, defaults.disableAfter(), problems);
        DeliveryPacing pacing = new DeliveryPacing(busyRate(source, problems),
                source.positiveDuration(MAX_LAG, DEFAULT_PACING.maxLag(), problems));
        WebhookSettings settings = (max.compareTo(first) < 0 ? defaults
                : defaults.withRetries(first, max, window).withDisableAfter(disable)
                        .withLease(MAX_TIMEOUT.plus(timeout))) // a claim outlives the longest attempt
                .withPacing(pacing);
        return new WebhookConfig(allow.equals("true"), timeout, settings);
    }

    private static int busyRate(ConfigSource source, List<String> problems) {
        Optional<String> text = source.get(BUSY_RATE).map(String::strip);
        if (text.isEmpty()) return DEFAULT_PACING.busyRate();
        try {
            int rate = Integer.parseInt(text.get());
            if (rate >= 0) return rate;
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(BUSY_RATE + ": must be a whole number of deliveries a second, 0 or more, was " + text.get());
        return DEFAULT_PACING.busyRate();
    }
}
