package dev.ordersystem.http.provider;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a provider call may take, and how often a call that is safe to repeat (create with the
 * same out_trade_no, query, close) is tried in all. A few seconds each: a buyer waits on the
 * start route, and the expiry of thousands of orders waits on the queries and closes.
 */
public record ProviderTimeouts(Duration connect, Duration answer, int attempts, Duration backoff) {
    public ProviderTimeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(backoff, "backoff");
        if (connect.isNegative() || connect.isZero() || answer.isNegative() || answer.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (attempts < 1 || attempts > 5) throw new IllegalArgumentException("attempts must be 1..5, was " + attempts);
    }

    /** 2 s to connect, 5 s for the answer, two attempts 200 ms apart. */
    public static ProviderTimeouts defaults() {
        return new ProviderTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofMillis(200));
    }
}
