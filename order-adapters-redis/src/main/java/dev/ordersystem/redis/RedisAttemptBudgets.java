package dev.ordersystem.redis;

import dev.ordersystem.core.memory.InMemoryAttemptBudgets;
import dev.ordersystem.core.port.AttemptBudgets;
import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.core.port.AttemptVerdict;

import java.time.Duration;
import java.util.List;

/**
 * {@link AttemptBudgets} on Redis, one budget for all instances: one key per budget,
 * {@code <prefix>:attempts:<limit name>:<key>}, holding its "theoretical arrival time" in
 * microseconds of Redis' own clock (the generic cell rate algorithm, equivalent to a token bucket:
 * see {@link InMemoryAttemptBudgets}), written by one script so that concurrent attempts on any
 * instance never spend more than the burst. The key expires when the budget is full again.
 * Redis down: the attempt is counted on this instance only (per-instance limits, as without
 * Redis), counted by the {@link FailOpenLog}.
 */
public final class RedisAttemptBudgets implements AttemptBudgets {
    /**
     * KEYS[1] the budget; ARGV[1] microseconds per attempt, ARGV[2] the window in microseconds.
     * Returns 0 when granted, else the microseconds until the next attempt. {@code TIME} is Redis'
     * clock, so instances whose clocks disagree still share one budget.
     */
    private static final LuaScript SPEND = LuaScript.load("attempt-budgets/spend.lua");

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final FailOpenLog failOpen;
    private final AttemptBudgets local = new InMemoryAttemptBudgets();

    public RedisAttemptBudgets(RedisConnection redis, FailOpenLog failOpen) {
        this.redis = redis;
        this.keys = new RedisKeys(redis.settings().keyPrefix());
        this.failOpen = failOpen;
    }

    @Override
    public AttemptVerdict spend(AttemptLimit limit, String key) {
        String budget = keys.attempts(limit.name(), key);
        List<String> args = List.of(Long.toString(micros(limit.refillEvery())), Long.toString(micros(limit.window())));
        long waitMicros;
        try {
            waitMicros = redis.call("spend attempt", r -> (Long) SPEND.run(r, List.of(budget), args));
        } catch (RedisUnavailable e) {
            failOpen.record("attempt counted on this instance only", e);
            return local.spend(limit, key);
        }
        return waitMicros <= 0 ? AttemptVerdict.granted() : new AttemptVerdict.Refused(Duration.ofNanos(waitMicros * 1_000));
    }

    private static long micros(Duration duration) {
        return Math.max(1, duration.toNanos() / 1_000);
    }
}
