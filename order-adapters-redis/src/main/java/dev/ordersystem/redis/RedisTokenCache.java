package dev.ordersystem.redis;

import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.TokenCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TokenCache} on Redis: {@code SET <prefix>:token:<digest> <user id> PX ttl}, {@code GET},
 * {@code DEL}. Redis keeps the time to live, so every instance forgets the token at the same
 * moment. Redis down: {@link #find} answers empty (the caller resolves the token in the database)
 * and remember/forget are skipped, each counted by the {@link FailOpenLog}.
 */
public final class RedisTokenCache implements TokenCache {
    private static final Logger log = LoggerFactory.getLogger(RedisTokenCache.class);

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final FailOpenLog failOpen;

    public RedisTokenCache(RedisConnection redis, FailOpenLog failOpen) {
        this.redis = redis;
        this.keys = new RedisKeys(redis.settings().keyPrefix());
        this.failOpen = failOpen;
    }

    @Override
    public Optional<UserId> find(String tokenDigest) {
        String key = keys.token(digest(tokenDigest));
        String value;
        try {
            value = redis.call("find token", r -> r.get(key));
        } catch (RedisUnavailable e) {
            failOpen.record("token resolved in the database", e);
            return Optional.empty();
        }
        if (value == null) return Optional.empty();
        try {
            return Optional.of(new UserId(Long.parseLong(value)));
        } catch (IllegalArgumentException e) {
            // Not written by this class: ignore it, so the token is resolved (and remembered again) from the database.
            // The key (a token digest) is not logged: it would let a reader of the log find the entry.
            log.warn("a token cache entry holds no user id, ignored: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void remember(String tokenDigest, UserId userId, Duration ttl) {
        String key = keys.token(digest(tokenDigest));
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) return;
        // PX needs at least 1 ms: a positive ttl below it is rounded up rather than refused.
        long millis = Math.max(1, ttl.toMillis());
        try {
            redis.call("remember token", r -> r.set(key, Long.toString(userId.value()), new SetParams().px(millis)));
        } catch (RedisUnavailable e) {
            failOpen.record("token not remembered", e);
        }
    }

    @Override
    public void forget(String tokenDigest) {
        String key = keys.token(digest(tokenDigest));
        try {
            redis.call("forget token", r -> r.del(key));
        } catch (RedisUnavailable e) {
            // The entry, if Redis kept it, lives out its ttl: a logged-out token stays usable until then.
            log.warn("token not forgotten in Redis; it stays usable until its cache entry expires: {}", e.getMessage());
            failOpen.record("token left to expire", e);
        }
    }

    private static String digest(String tokenDigest) {
        if (tokenDigest == null || tokenDigest.isBlank()) throw new IllegalArgumentException("token digest must not be blank");
        return tokenDigest;
    }
}
