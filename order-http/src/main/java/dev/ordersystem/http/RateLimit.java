package dev.ordersystem.http;

import java.time.Duration;

/**
 * A token bucket's shape: {@code burst} attempts at once, then one more every {@code refillEvery}.
 */
public record RateLimit(int burst, Duration refillEvery) {
    public RateLimit {
        if (burst < 1) throw new IllegalArgumentException("burst must be positive");
        if (refillEvery.isNegative() || refillEvery.isZero()) throw new IllegalArgumentException("refillEvery must be positive");
    }

    public static RateLimit of(int burst, long refillSeconds) {
        return new RateLimit(burst, Duration.ofSeconds(refillSeconds));
    }
}
