package dev.ordersystem.redis;

import dev.ordersystem.core.contract.AbstractProductCacheTest;
import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.ProductCache;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class RedisProductCacheIT extends AbstractProductCacheTest {
    @AutoClose
    private final RedisTestKit kit = new RedisTestKit();

    @Override
    protected ProductCache newCache(Duration ttl, Duration jitter, Duration nullTtl) {
        return new RedisProductCache(kit.connection(), times(ttl, jitter, nullTtl), kit.failOpen);
    }

    private static ProductCacheTimes times(Duration ttl, Duration jitter, Duration nullTtl) {
        return ProductCacheTimes.defaults().withTtl(ttl, jitter).withNullTtl(nullTtl).withLoadWait(Duration.ofSeconds(5));
    }

    @Override
    protected Duration shortTtl() {
        return Duration.ofMillis(250);
    }

    @Override
    protected void passTime(Duration duration) {
        Sleep.of(duration);
    }

    @Test
    void twoInstancesMissingOneHotIdTogetherLoadItOnce() throws Exception {
        RedisSettings shared = TestRedis.freshSettings();
        ProductCacheTimes times = times(Duration.ofMinutes(10), Duration.ZERO, Duration.ofMinutes(10));
        List<ProductCache> instances = List.of(
                new RedisProductCache(kit.connection(shared), times, kit.failOpen), new RedisProductCache(kit.connection(shared), times, kit.failOpen));
        ProductId hot = productId();
        ProductDetail detail = detail(hot, 42);
        CountingLoader loader = new CountingLoader(Duration.ofMillis(150)).put(detail);
        AtomicInteger next = new AtomicInteger();

        List<Optional<ProductDetail>> answers = concurrently(200, () -> instances.get(next.getAndIncrement() % 2).get(hot, loader));

        assertThat(loader.calls(hot)).isEqualTo(1);
        assertThat(answers).allSatisfy(answer -> assertThat(answer).contains(detail));
    }

    @Test
    void entriesCarryTheirTtlPlusJitterAndMissingIdsTheNullTtl() {
        RedisConnection redis = kit.connection();
        RedisProductCache cache = new RedisProductCache(redis,
                times(Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofMinutes(5)), kit.failOpen);
        ProductId id = productId();
        ProductId missing = productId();
        CountingLoader loader = new CountingLoader(Duration.ZERO).put(detail(id, 1));

        cache.get(id, loader);
        cache.get(missing, loader);

        String prefix = redis.settings().keyPrefix();
        assertThat(redis.<Long>call("pttl", r -> r.pttl(prefix + ":product:{" + id.value() + "}"))).isBetween(55_000L, 75_000L);
        assertThat(redis.<Long>call("pttl", r -> r.pttl(prefix + ":product:{" + missing.value() + "}"))).isBetween(295_000L, 300_000L);
        assertThat(redis.<String>call("get", r -> r.get(prefix + ":product:{" + missing.value() + "}"))).isEqualTo("null");
        assertThat(redis.<Boolean>call("exists", r -> r.exists(prefix + ":product:{" + id.value() + "}:loading"))).as("lock released").isFalse();
    }

    @Test
    void aLoadOverlappingAnInvalidateIsNotStored() throws Exception {
        ProductCache cache = newCache(Duration.ofMinutes(10), Duration.ZERO, Duration.ofMinutes(10));
        ProductId id = productId();
        ProductDetail before = detail(id, 10);
        ProductDetail after = detail(id, 9);
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch changed = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        Function<ProductId, Optional<ProductDetail>> slowOldRead = pid -> {
            loads.incrementAndGet();
            loading.countDown();
            await(changed);
            return Optional.of(before); // read before the change committed
        };

        CompletableFuture<Optional<ProductDetail>> reader = CompletableFuture.supplyAsync(() -> cache.get(id, slowOldRead));
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
        cache.invalidate(id); // the change commits while the read is under way
        changed.countDown();
        assertThat(reader.get(10, TimeUnit.SECONDS)).contains(before);

        assertThat(cache.get(id, pid -> {
            loads.incrementAndGet();
            return Optional.of(after);
        })).contains(after);
        assertThat(loads.get()).isEqualTo(2);
    }

    @Test
    void anUnreadableEntryIsLoadedAgain() {
        RedisConnection redis = kit.connection();
        RedisProductCache cache = new RedisProductCache(redis, times(Duration.ofMinutes(10), Duration.ZERO, Duration.ofMinutes(10)), kit.failOpen);
        ProductId id = productId();
        redis.call("set", r -> r.set(redis.settings().keyPrefix() + ":product:{" + id.value() + "}", "{not json"));
        CountingLoader loader = new CountingLoader(Duration.ZERO).put(detail(id, 3));

        assertThat(cache.get(id, loader)).contains(detail(id, 3));
        assertThat(cache.get(id, loader)).contains(detail(id, 3));
        assertThat(loader.calls(id)).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("latch not released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
