package dev.ordersystem.redis;

import dev.ordersystem.core.port.IdempotencyGuard;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link IdempotencyGuard} on Redis: {@code SET key token NX PX ttl} to take, a compare-and-delete
 * script to give back. Redis down: the lease is granted (fail open), because the database
 * constraints are the real guarantee; the {@link FailOpenLog} counts it and warns.
 */
public final class RedisIdempotencyGuard implements IdempotencyGuard {
    /** Deletes the key only while it still holds this holder's token. */
    static final LuaScript COMPARE_AND_DELETE = LuaScript.load("idempotency-guard/compare-and-delete.lua");

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final FailOpenLog failOpen;

    public RedisIdempotencyGuard(RedisConnection redis, FailOpenLog failOpen) {
        this.redis = redis;
        this.keys = new RedisKeys(redis.settings().keyPrefix());
        this.failOpen = failOpen;
    }

    @Override
    public Optional<Lease> tryAcquire(String key, Duration ttl) {
        if (key == null || key.isBlank()) throw new IllegalArgumentException("guard key must not be blank");
        if (ttl == null || ttl.toMillis() < 1) throw new IllegalArgumentException("guard ttl must be at least 1 ms: " + ttl);
        String token = UUID.randomUUID().toString();
        try {
            String reply = redis.call("guard " + key, r -> r.set(keys.guard(key), token, new SetParams().nx().px(ttl.toMillis())));
            return "OK".equals(reply) ? Optional.of(new Lease(key, token)) : Optional.empty();
        } catch (RedisUnavailable e) {
            failOpen.record("guard granted " + key + " unchecked", e);
            return Optional.of(new Lease(key, token));
        }
    }

    @Override
    public void release(Lease lease) {
        try {
            redis.call("release " + lease.key(), r -> COMPARE_AND_DELETE.run(r, List.of(keys.guard(lease.key())), List.of(lease.token())));
        } catch (RedisUnavailable e) {
            // Nothing to undo: the key, if Redis kept it, expires with its ttl.
            failOpen.record("guard " + lease.key() + " left to expire", e);
        }
    }
}
