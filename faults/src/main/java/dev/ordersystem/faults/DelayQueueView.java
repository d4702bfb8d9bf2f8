package dev.ordersystem.faults;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's expiry delay queue in Redis, read with {@code redis-cli}: waiting jobs in a sorted set
 * scored by due time, claimed jobs in a sorted set scored by lease end, claims counted per job in
 * a hash (all epoch milliseconds). The key names are the app's ({@code RedisKeys} in
 * order-adapters-redis) under the run's prefix; the suite only reads them.
 */
final class DelayQueueView {
    private final String due;
    private final String leased;
    private final String attempts;
    private final RedisCli redis;

    DelayQueueView(String prefix, RedisCli redis) {
        this.redis = redis;
        this.due = "{" + prefix + ":delay}:due";
        this.leased = "{" + prefix + ":delay}:leased";
        this.attempts = "{" + prefix + ":delay}:attempts";
    }

    /** Waiting jobs due from {@code fromMillis} to {@code toMillis}, earliest first: order number → due time. */
    Map<String, Long> dueBetween(long fromMillis, long toMillis, int max) {
        return scored(cli("ZRANGE", due, Long.toString(fromMillis), Long.toString(toMillis), "BYSCORE", "LIMIT", "0",
                Integer.toString(max), "WITHSCORES"));
    }

    /** Every claimed job: order number → lease end. */
    Map<String, Long> leased() {
        return scored(cli("ZRANGE", leased, "0", "-1", "WITHSCORES"));
    }

    /** The due time of a waiting job; null when it is not waiting. */
    Long dueAt(String orderNo) {
        String score = cli("ZSCORE", due, orderNo).getFirst();
        return score.isEmpty() ? null : (long) Double.parseDouble(score);
    }

    /** The lease end of a claimed job; null when it is not claimed. */
    Long leaseEnd(String orderNo) {
        String score = cli("ZSCORE", leased, orderNo).getFirst();
        return score.isEmpty() ? null : (long) Double.parseDouble(score);
    }

    /** How many times the job was claimed; 0 when it has no count (never claimed, or completed). */
    int attempts(String orderNo) {
        String count = cli("HGET", attempts, orderNo).getFirst();
        return count.isEmpty() ? 0 : Integer.parseInt(count);
    }

    /** Jobs that still have a claim count (claimed and not completed). */
    Set<String> counted() {
        List<String> keys = cli("HKEYS", attempts);
        keys.removeIf(String::isEmpty);
        return Set.copyOf(keys);
    }

    private static Map<String, Long> scored(List<String> lines) {
        Map<String, Long> scored = new LinkedHashMap<>();
        for (int i = 0; i + 1 < lines.size(); i += 2) scored.put(lines.get(i), (long) Double.parseDouble(lines.get(i + 1)));
        return scored;
    }

    private List<String> cli(String... command) {
        return redis.run(command);
    }
}
