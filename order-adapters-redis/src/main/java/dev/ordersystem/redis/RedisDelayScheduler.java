package dev.ordersystem.redis;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.port.DelayScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;

import redis.clients.jedis.resps.Tuple;

/**
 * {@link DelayScheduler} on Redis: waiting jobs in a sorted set scored by due time, claimed jobs
 * in a second sorted set scored by lease end, claims counted in a hash. Each operation is one
 * Lua script, so several app instances can claim at once and a job goes to one of them; a
 * consumer that dies leaves its jobs in the leased set, and they are claimed again once the
 * lease ends. Scores are the caller's {@code now} in epoch milliseconds (instances keep their
 * clocks in sync; a lease is tens of seconds).
 *
 * <p>Redis down: every method throws {@link RedisUnavailable} within the configured timeout.
 * The callers expect it: the order use cases log it and leave the order to the database sweep,
 * and the expiry worker's queue step fails while its sweep step keeps expiring orders.
 */
public final class RedisDelayScheduler implements DelayScheduler {
    /** ARGV: order number, due ms pairs (several when a group of placements committed together). */
    private static final LuaScript SCHEDULE = LuaScript.load("delay-queue/schedule.lua");

    /** ARGV: order numbers (many when a sweep drops the jobs of a batch it cancelled). */
    private static final LuaScript CANCEL = LuaScript.load("delay-queue/cancel.lua");

    /** Leases that ran out first (their consumer died), then waiting jobs in due order. */
    private static final LuaScript CLAIM = LuaScript.load("delay-queue/claim.lua");

    /** Only the latest claim, still leased, may complete or retry (ARGV[3] = retry time, absent to complete). */
    private static final LuaScript SETTLE = LuaScript.load("delay-queue/settle.lua");

    private final RedisConnection redis;
    private final List<String> queueKeys;

    public RedisDelayScheduler(RedisConnection redis) {
        this.redis = redis;
        RedisKeys keys = new RedisKeys(redis.settings().keyPrefix());
        this.queueKeys = List.of(keys.delayDue(), keys.delayLeased(), keys.delayAttempts());
    }

    @Override
    public void schedule(OrderNo orderNo, Instant dueAt) {
        Objects.requireNonNull(dueAt, "dueAt");
        run("schedule expiry of " + orderNo, SCHEDULE, orderNo.value(), millis(dueAt));
    }

    @Override
    public void scheduleAll(Map<OrderNo, Instant> dueAt) {
        if (dueAt.isEmpty()) return;
        String[] args = new String[dueAt.size() * 2];
        int i = 0;
        for (Map.Entry<OrderNo, Instant> job : dueAt.entrySet()) {
            args[i++] = job.getKey().value();
            args[i++] = millis(Objects.requireNonNull(job.getValue(), "dueAt"));
        }
        run("schedule expiry of " + dueAt.size() + " orders", SCHEDULE, args);
    }

    @Override
    public void cancel(OrderNo orderNo) {
        run("cancel expiry of " + orderNo, CANCEL, orderNo.value());
    }

    @Override
    public void cancelAll(Collection<OrderNo> orderNos) {
        if (orderNos.isEmpty()) return;
        run("cancel expiry of " + orderNos.size() + " orders", CANCEL, orderNos.stream().map(OrderNo::value).toArray(String[]::new));
    }

    @Override
    public List<DueJob> claimDue(Instant now, int max, Duration lease) {
        Objects.requireNonNull(now, "now");
        if (max < 1) throw new IllegalArgumentException("max must be positive: " + max);
        if (lease == null || lease.toMillis() < 1) throw new IllegalArgumentException("lease must be at least 1 ms: " + lease);
        List<?> reply = (List<?>) run("claim due expiry jobs", CLAIM, millis(now), Integer.toString(max), millis(now.plus(lease)));
        List<DueJob> jobs = new ArrayList<>(reply.size() / 2);
        for (int i = 0; i < reply.size(); i += 2) {
            jobs.add(new DueJob(new OrderNo(reply.get(i).toString()), ((Number) reply.get(i + 1)).intValue()));
        }
        return jobs;
    }

    @Override
    public void complete(DueJob job) {
        run("complete expiry of " + job.orderNo(), SETTLE, job.orderNo().value(), Integer.toString(job.attempt()));
    }

    @Override
    public void retry(DueJob job, Instant nextAttempt) {
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        run("retry expiry of " + job.orderNo(), SETTLE, job.orderNo().value(), Integer.toString(job.attempt()), millis(nextAttempt));
    }

    @Override
    public Optional<Instant> earliestWaiting() {
        // ZRANGE <due> 0 0 WITHSCORES: the lowest score is the earliest due time.
        List<Tuple> first = redis.call("read the earliest waiting job", r -> r.zrangeWithScores(queueKeys.getFirst(), 0, 0));
        return first.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli((long) first.getFirst().getScore()));
    }

    private Object run(String operation, LuaScript script, String... args) {
        return redis.call(operation, r -> script.run(r, queueKeys, List.of(args)));
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }
}
