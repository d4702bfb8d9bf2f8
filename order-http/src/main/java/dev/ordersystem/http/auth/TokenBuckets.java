package dev.ordersystem.http.auth;

import dev.ordersystem.http.RateLimit;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per key (a username, a client IP), in memory. Bounded: past
 * {@link #MAX_KEYS} keys the full buckets — keys that have been quiet for a whole refill — are
 * dropped, since they hold no state worth keeping. In-memory means per instance: with N
 * instances behind a balancer a client gets up to N times the limit, which still stops guessing.
 */
final class TokenBuckets {
    static final int MAX_KEYS = 100_000;

    private final RateLimit limit;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(RateLimit limit, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
    }

    /** Takes one token for {@code key}; empty when granted, else the seconds until the next token. */
    OptionalLong take(String key) {
        if (buckets.size() > MAX_KEYS) prune();
        long[] wait = {0};
        buckets.compute(key, (k, bucket) -> {
            Bucket current = (bucket == null ? new Bucket(limit.burst(), nanoTime.getAsLong()) : bucket).refilled(limit, nanoTime.getAsLong());
            if (current.tokens >= 1) return new Bucket(current.tokens - 1, current.at);
            wait[0] = current.secondsToNext(limit);
            return current;
        });
        return wait[0] == 0 ? OptionalLong.empty() : OptionalLong.of(wait[0]);
    }

    private void prune() {
        long now = nanoTime.getAsLong();
        buckets.entrySet().removeIf(e -> e.getValue().refilled(limit, now).tokens >= limit.burst());
    }

    /** {@code tokens} may be fractional between refills; {@code at} is when they were counted. */
    private record Bucket(double tokens, long at) {
        Bucket refilled(RateLimit limit, long now) {
            double gained = (double) (now - at) / limit.refillEvery().toNanos();
            return new Bucket(Math.min(limit.burst(), tokens + gained), now);
        }

        long secondsToNext(RateLimit limit) {
            double nanos = (1 - tokens) * limit.refillEvery().toNanos();
            return Math.max(1, (long) Math.ceil(nanos / 1_000_000_000d));
        }
    }
}
