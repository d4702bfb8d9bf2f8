package dev.ordersystem.redis;

import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.memory.SingleFlight;
import dev.ordersystem.core.port.ProductCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.params.SetParams;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * {@link ProductCache} on Redis. A miss is loaded by one caller at a time: in this process the
 * others wait for its result; across instances a short lock ({@code SET NX PX}) picks the loader
 * and the others poll for its value, reading the database themselves only if it takes too long.
 * The loader stores its value only while it still holds the lock, and {@link #invalidate} deletes
 * the lock with the value, so a load that overlapped a change is never stored.
 * Redis down: reads go straight to the loader (fail open), counted by the {@link FailOpenLog}.
 */
public final class RedisProductCache implements ProductCache {
    private static final Logger log = LoggerFactory.getLogger(RedisProductCache.class);

    /** KEYS: value, lock. ARGV: token, json, ttl ms. */
    private static final LuaScript STORE_IF_LOCK_HELD = LuaScript.load("product-cache/store-if-lock-held.lua");

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final ProductCacheTimes times;
    private final FailOpenLog failOpen;
    private final ProductJson json = new ProductJson();
    private final SingleFlight<ProductId, Optional<ProductDetail>> loads = new SingleFlight<>();

    public RedisProductCache(RedisConnection redis, ProductCacheTimes times, FailOpenLog failOpen) {
        this.redis = redis;
        this.keys = new RedisKeys(redis.settings().keyPrefix());
        this.times = times;
        this.failOpen = failOpen;
    }

    @Override
    public Optional<ProductDetail> get(ProductId id, Function<ProductId, Optional<ProductDetail>> loader) {
        Objects.requireNonNull(id, "id");
        Cached cached;
        try {
            cached = read(id);
        } catch (RedisUnavailable e) {
            failOpen.record("product " + id + " read from the database", e);
            return loader.apply(id);
        }
        if (cached.found()) return cached.value();
        return loads.load(id, flight -> loadOnce(id, loader));
    }

    @Override
    public void invalidate(ProductId id) {
        loads.forget(id);
        try {
            redis.call("invalidate product " + id, r -> r.del(keys.product(id), keys.productLoading(id)));
        } catch (RedisUnavailable e) {
            // Cannot delete: the entry lives out its ttl. Said loudly, since readers may see the old product until then.
            log.warn("product {} not invalidated in Redis; cached copies may be stale for up to {}: {}",
                    id, times.ttl().plus(times.jitter()), e.getMessage());
            failOpen.record("product " + id + " left to expire", e);
        }
    }

    /** The single loader of {@code id} in this process. */
    private Optional<ProductDetail> loadOnce(ProductId id, Function<ProductId, Optional<ProductDetail>> loader) {
        String token = UUID.randomUUID().toString();
        try {
            String locked = redis.call("lock product " + id,
                    r -> r.set(keys.productLoading(id), token, new SetParams().nx().px(times.loadLock().toMillis())));
            if (!"OK".equals(locked)) return waitForOtherLoader(id, loader);
            // The previous loader may have stored its value between our miss and our lock.
            Cached cached = read(id);
            if (cached.found()) {
                releaseLock(id, token);
                return cached.value();
            }
        } catch (RedisUnavailable e) {
            failOpen.record("product " + id + " read from the database", e);
            return loader.apply(id);
        }
        Optional<ProductDetail> value;
        try {
            value = Objects.requireNonNull(loader.apply(id), "loader result");
        } catch (RuntimeException | Error e) {
            releaseLock(id, token);
            throw e;
        }
        store(id, token, value);
        return value;
    }

    private Optional<ProductDetail> waitForOtherLoader(ProductId id, Function<ProductId, Optional<ProductDetail>> loader) {
        long deadline = System.nanoTime() + times.loadWait().toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(times.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            Cached cached = read(id);
            if (cached.found()) return cached.value();
        }
        // The other loader is slow or gone: read the database ourselves, but leave storing to the lock holder.
        return loader.apply(id);
    }

    private void store(ProductId id, String token, Optional<ProductDetail> value) {
        long ttl = value.isPresent()
                ? times.ttl().toMillis() + ThreadLocalRandom.current().nextLong(times.jitter().toMillis() + 1)
                : times.nullTtl().toMillis();
        String text = json.write(value);
        try {
            redis.call("store product " + id, r -> STORE_IF_LOCK_HELD.run(r,
                    List.of(keys.product(id), keys.productLoading(id)), List.of(token, text, Long.toString(ttl))));
        } catch (RedisUnavailable e) {
            failOpen.record("product " + id + " not stored", e);
        }
    }

    private void releaseLock(ProductId id, String token) {
        try {
            redis.call("unlock product " + id, r -> RedisIdempotencyGuard.COMPARE_AND_DELETE.run(r,
                    List.of(keys.productLoading(id)), List.of(token)));
        } catch (RedisUnavailable e) {
            failOpen.record("product " + id + " load lock left to expire", e);
        }
    }

    private Cached read(ProductId id) {
        String text = redis.call("read product " + id, r -> r.get(keys.product(id)));
        if (text == null) return Cached.MISS;
        try {
            return new Cached(true, json.read(text));
        } catch (IllegalArgumentException e) {
            log.warn("product {} cached in an unreadable form, loading it again: {}", id, e.getMessage());
            return Cached.MISS;
        }
    }

    /** What Redis holds for an id: nothing ({@code found == false}), a product, or "no such product". */
    private record Cached(boolean found, Optional<ProductDetail> value) {
        static final Cached MISS = new Cached(false, Optional.empty());
    }
}
