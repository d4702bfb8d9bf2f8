package dev.ordersystem.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How long product details stay in Redis and how callers share a load.
 *
 * @param ttl          life of a cached product
 * @param jitter       up to this much is added at random to {@code ttl}, so products loaded together expire apart
 * @param nullTtl      life of the "no such product" marker
 * @param loadLock     how long the one loader of a key holds it at most (longer than a database read ever takes)
 * @param loadWait     how long others wait for that loader's value before reading the database themselves
 * @param pollInterval how often they look for it meanwhile
 * @param nearTtl      how long an instance keeps its own copy of what Redis answered
 *                     ({@code NearProductCache}): how late it sees another instance's change;
 *                     zero reads Redis every time
 */
public record ProductCacheTimes(Duration ttl, Duration jitter, Duration nullTtl, Duration loadLock,
                                Duration loadWait, Duration pollInterval, Duration nearTtl) {
    public ProductCacheTimes {
        atLeastOneMilli(ttl, "ttl");
        Objects.requireNonNull(jitter, "jitter");
        if (jitter.isNegative()) throw new IllegalArgumentException("jitter must not be negative: " + jitter);
        atLeastOneMilli(nullTtl, "nullTtl");
        atLeastOneMilli(loadLock, "loadLock");
        Objects.requireNonNull(loadWait, "loadWait");
        atLeastOneMilli(pollInterval, "pollInterval");
        Objects.requireNonNull(nearTtl, "nearTtl");
        if (nearTtl.isNegative()) throw new IllegalArgumentException("nearTtl must not be negative: " + nearTtl);
    }

    /**
     * 60 s + up to 15 s jitter; missing ids 5 min; a load may take 3 s, others wait 500 ms, looking
     * every 10 ms; each instance keeps its copy 1 s.
     */
    public static ProductCacheTimes defaults() {
        return new ProductCacheTimes(Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofMinutes(5),
                Duration.ofSeconds(3), Duration.ofMillis(500), Duration.ofMillis(10), Duration.ofSeconds(1));
    }

    public ProductCacheTimes withTtl(Duration value, Duration valueJitter) {
        return new ProductCacheTimes(value, valueJitter, nullTtl, loadLock, loadWait, pollInterval, nearTtl);
    }

    public ProductCacheTimes withNullTtl(Duration value) {
        return new ProductCacheTimes(ttl, jitter, value, loadLock, loadWait, pollInterval, nearTtl);
    }

    public ProductCacheTimes withLoadWait(Duration value) {
        return new ProductCacheTimes(ttl, jitter, nullTtl, loadLock, value, pollInterval, nearTtl);
    }

    public ProductCacheTimes withNearTtl(Duration value) {
        return new ProductCacheTimes(ttl, jitter, nullTtl, loadLock, loadWait, pollInterval, value);
    }

    private static void atLeastOneMilli(Duration value, String name) {
        if (value == null || value.toMillis() < 1) throw new IllegalArgumentException(name + " must be at least 1 ms: " + value);
    }
}
