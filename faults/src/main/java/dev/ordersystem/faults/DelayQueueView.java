package dev.ordersystem.faults;

import dev.ordersystem.harness.RedisWire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's expiry delay queue in Redis: waiting jobs in a sorted set scored by due time, claimed
 * jobs in a sorted set scored by lease end, claims counted per job in a hash (all epoch
 * milliseconds). The key names are the app's ({@code RedisKeys} in order-adapters-redis) under
 * the run's prefix; the suite only reads them, each read on a connection of its own (Redis may
 * have been killed and started again since the last one).
 */
final class DelayQueueView {
    private final String due;
    private final String leased;
    private final String attempts;
    private final int redisPort;

    DelayQueueView(String prefix, int redisPort) {
        this.redisPort = redisPort;
        this.due = "{" + prefix + ":delay}:due";
        this.leased = "{" + prefix + ":delay}:leased";
        this.attempts = "{" + prefix + ":delay}:attempts";
    }

    /** Waiting jobs due from {@code fromMillis} to {@code toMillis}, earliest first: order number → due time. */
    Map<String, Long> dueBetween(long fromMillis, long toMillis, int max) {
        return scored(read("ZRANGE", due, Long.toString(fromMillis), Long.toString(toMillis), "BYSCORE", "LIMIT", "0",
                Integer.toString(max), "WITHSCORES"));
    }

    /** Every claimed job: order number → lease end. */
    Map<String, Long> leased() {
        return scored(read("ZRANGE", leased, "0", "-1", "WITHSCORES"));
    }

    /** The due time of a waiting job; null when it is not waiting. */
    Long dueAt(String orderNo) {
        return millis(read("ZSCORE", due, orderNo));
    }

    /** The lease end of a claimed job; null when it is not claimed. */
    Long leaseEnd(String orderNo) {
        return millis(read("ZSCORE", leased, orderNo));
    }

    /** How many times the job was claimed; 0 when it has no count (never claimed, or completed). */
    int attempts(String orderNo) {
        Object count = read("HGET", attempts, orderNo);
        return count == null ? 0 : Integer.parseInt((String) count);
    }

    /** Jobs that still have a claim count (claimed and not completed). */
    Set<String> counted() {
        return Set.copyOf(strings(read("HKEYS", attempts)));
    }

    private static Long millis(Object score) {
        return score == null ? null : (long) Double.parseDouble((String) score);
    }

    private static Map<String, Long> scored(Object reply) {
        List<String> items = strings(reply);
        Map<String, Long> scored = new LinkedHashMap<>();
        for (int i = 0; i + 1 < items.size(); i += 2) scored.put(items.get(i), (long) Double.parseDouble(items.get(i + 1)));
        return scored;
    }

    private static List<String> strings(Object reply) {
        return ((List<?>) reply).stream().map(String.class::cast).toList();
    }

    private Object read(String... command) {
        try (RedisWire redis = new RedisWire(redisPort)) {
            return redis.call(command);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis " + command[0] + " failed: " + e.getMessage(), e);
        }
    }
}
