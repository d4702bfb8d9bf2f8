package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.ProductCache;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link ProductCache} must do. Subclasses build a cache with the given times and a
 * way to let time pass (a controllable clock in process, a real wait where the store's own clock
 * rules); {@link #shortTtl()} is the shortest time the tests wait out.
 */
public abstract class AbstractProductCacheTest {
    private static final Duration LONG = Duration.ofMinutes(10);
    private static final Currency CNY = Currency.getInstance("CNY");

    /** An empty cache (a fresh store, or a fresh key prefix) with these times. */
    protected abstract ProductCache newCache(Duration ttl, Duration jitter, Duration nullTtl);

    /** A ttl short enough to wait out in a test, long enough for a few hundred reads. */
    protected abstract Duration shortTtl();

    /** Lets {@code duration} pass for the cache (advance its clock, or sleep). */
    protected abstract void passTime(Duration duration);

    /** A product id no other test of the run uses, so runs against a shared store never meet. */
    protected static ProductId productId() {
        return new ProductId(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    }

    protected static ProductDetail detail(ProductId id, long available) {
        Product product = new Product(id, "Tea \"Lapsang\" 红茶 " + id, "smoky\nleaves", Money.of(12_345, CNY), true);
        return new ProductDetail(product, available);
    }

    /** A loader over a fixed catalogue that counts its calls per id. */
    protected static final class CountingLoader implements Function<ProductId, Optional<ProductDetail>> {
        private final Map<ProductId, ProductDetail> catalogue = new ConcurrentHashMap<>();
        private final Map<ProductId, AtomicInteger> calls = new ConcurrentHashMap<>();
        private final Duration delay;

        public CountingLoader(Duration delay) {
            this.delay = delay;
        }

        public CountingLoader put(ProductDetail detail) {
            catalogue.put(detail.product().id(), detail);
            return this;
        }

        public int calls(ProductId id) {
            AtomicInteger count = calls.get(id);
            return count == null ? 0 : count.get();
        }

        @Override
        public Optional<ProductDetail> apply(ProductId id) {
            calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return Optional.ofNullable(catalogue.get(id));
        }
    }

    @Test
    void aLoadedProductIsServedFromTheCacheAndComesBackEqual() {
        ProductCache cache = newCache(LONG, Duration.ZERO, LONG);
        ProductId id = productId();
        ProductDetail detail = detail(id, 7);
        CountingLoader loader = new CountingLoader(Duration.ZERO).put(detail);

        for (int i = 0; i < 10; i++) assertThat(cache.get(id, loader)).contains(detail);

        assertThat(loader.calls(id)).isEqualTo(1);
    }

    @Test
    void aMissingIdQueriedAThousandTimesIsLoadedOnce() {
        ProductCache cache = newCache(LONG, Duration.ZERO, Duration.ofMinutes(5));
        ProductId missing = productId();
        CountingLoader loader = new CountingLoader(Duration.ZERO);

        for (int i = 0; i < 1_000; i++) assertThat(cache.get(missing, loader)).isEmpty();

        assertThat(loader.calls(missing)).isEqualTo(1);
    }

    @Test
    void aMissingIdIsLoadedAgainOnceTheNullTtlHasPassed() {
        ProductCache cache = newCache(LONG, Duration.ZERO, shortTtl());
        ProductId missing = productId();
        CountingLoader loader = new CountingLoader(Duration.ZERO);
        assertThat(cache.get(missing, loader)).isEmpty();

        passTime(shortTtl().multipliedBy(2));
        ProductDetail created = detail(missing, 3);
        loader.put(created);

        assertThat(cache.get(missing, loader)).contains(created);
        assertThat(loader.calls(missing)).isEqualTo(2);
    }

    @Test
    void aProductIsLoadedAgainOnceTtlAndJitterHavePassed() {
        ProductCache cache = newCache(shortTtl(), shortTtl(), LONG);
        ProductId id = productId();
        CountingLoader loader = new CountingLoader(Duration.ZERO).put(detail(id, 1));
        cache.get(id, loader);

        passTime(shortTtl().multipliedBy(3));
        cache.get(id, loader);

        assertThat(loader.calls(id)).isEqualTo(2);
    }

    @Test
    void jitterSpreadsTheExpiryOfProductsLoadedTogether() {
        Duration ttl = shortTtl();
        Duration jitter = shortTtl().multipliedBy(8);
        ProductCache cache = newCache(ttl, jitter, LONG);
        List<ProductId> ids = new ArrayList<>();
        CountingLoader loader = new CountingLoader(Duration.ZERO);
        for (int i = 0; i < 100; i++) {
            ProductId id = productId();
            ids.add(id);
            loader.put(detail(id, i));
            cache.get(id, loader);
        }

        passTime(ttl.plus(jitter.dividedBy(2)));
        ids.forEach(id -> cache.get(id, loader));
        long reloadedHalfway = ids.stream().filter(id -> loader.calls(id) == 2).count();

        assertThat(reloadedHalfway).as("some expired, some not").isBetween(1L, 99L);
    }

    @Test
    void invalidateForcesAReload() {
        ProductCache cache = newCache(LONG, Duration.ZERO, LONG);
        ProductId id = productId();
        ProductId missing = productId();
        CountingLoader loader = new CountingLoader(Duration.ZERO).put(detail(id, 5));
        cache.get(id, loader);
        cache.get(missing, loader);

        ProductDetail changed = detail(id, 4);
        loader.put(changed);
        cache.invalidate(id);
        ProductDetail created = detail(missing, 9);
        loader.put(created);
        cache.invalidate(missing);

        assertThat(cache.get(id, loader)).contains(changed);
        assertThat(cache.get(missing, loader)).contains(created);
        assertThat(loader.calls(id)).isEqualTo(2);
        assertThat(loader.calls(missing)).isEqualTo(2);
        cache.invalidate(productId()); // never cached: nothing happens
    }

    @Test
    void twoHundredConcurrentMissesOnOneHotIdLoadOnce() throws Exception {
        ProductCache cache = newCache(LONG, Duration.ZERO, LONG);
        ProductId hot = productId();
        ProductDetail detail = detail(hot, 100);
        CountingLoader loader = new CountingLoader(Duration.ofMillis(100)).put(detail);

        List<Optional<ProductDetail>> answers = concurrently(200, () -> cache.get(hot, loader));

        assertThat(loader.calls(hot)).isEqualTo(1);
        assertThat(answers).hasSize(200).allSatisfy(answer -> assertThat(answer).contains(detail));
    }

    @Test
    void aFailingLoadIsNotCachedAndReachesTheCaller() {
        ProductCache cache = newCache(LONG, Duration.ZERO, LONG);
        ProductId id = productId();
        AtomicInteger calls = new AtomicInteger();
        Function<ProductId, Optional<ProductDetail>> failing = pid -> {
            calls.incrementAndGet();
            throw new IllegalStateException("database down");
        };

        assertThatThrownBy(() -> cache.get(id, failing)).isInstanceOf(IllegalStateException.class).hasMessage("database down");
        CountingLoader loader = new CountingLoader(Duration.ZERO).put(detail(id, 2));

        assertThat(cache.get(id, loader)).contains(detail(id, 2));
        assertThat(calls.get()).isEqualTo(1);
    }

    /** Runs {@code task} on {@code threads} threads released together; returns every answer. */
    protected static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> result : results) answers.add(result.get());
            return answers;
        }
    }
}
