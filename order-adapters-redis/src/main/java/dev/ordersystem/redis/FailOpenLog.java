package dev.ordersystem.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the times an adapter carried on without Redis, and says so in the log at most once per
 * interval (a dead Redis under load would otherwise write thousands of lines a second).
 */
public final class FailOpenLog {
    private static final Logger log = LoggerFactory.getLogger(FailOpenLog.class);
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicLong total = new AtomicLong();
    private final AtomicLong sinceLastWarning = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);

    /** Records that {@code fallback} was taken because of {@code cause}. */
    public void record(String fallback, RedisUnavailable cause) {
        total.incrementAndGet();
        sinceLastWarning.incrementAndGet();
        long last = lastWarning.get();
        long now = System.nanoTime();
        if (now - last >= INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            long count = sinceLastWarning.getAndSet(0);
            log.warn("Redis unavailable, {} ({} such fallbacks in the last {} s, {} in all): {}",
                    fallback, count, TimeUnit.NANOSECONDS.toSeconds(INTERVAL_NANOS), total.get(), cause.getMessage());
        }
    }

    /** How many times the adapters carried on without Redis since start (for metrics). */
    public long total() {
        return total.get();
    }
}
