package dev.ordersystem.core.usecase.event;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: after attempt n the pause is {@code firstRetry · 2^(n-1)}, at most
 * {@code maxRetryDelay}, then drawn evenly from its upper half, so retries of many deliveries that
 * failed together (a receiver that was down) spread out instead of arriving in waves.
 */
final class RetrySchedule {
    private final Duration first;
    private final Duration max;
    private final RandomGenerator random;

    RetrySchedule(Duration first, Duration max, RandomGenerator random) {
        this.first = first;
        this.max = max;
        this.random = random;
    }

    Duration pauseAfter(int attempts) {
        long ceiling = first.toMillis() << Math.min(Math.max(attempts - 1, 0), 30);
        if (ceiling <= 0 || ceiling > max.toMillis()) ceiling = max.toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }
}
