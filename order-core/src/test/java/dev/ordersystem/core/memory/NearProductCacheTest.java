package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.AbstractProductCacheTest;
import dev.ordersystem.core.contract.MutableClock;
import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.ProductCache;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The near layer over an in-process shared cache: the whole contract, plus what the layer adds. */
class NearProductCacheTest extends AbstractProductCacheTest {
    private static final Duration NEAR = Duration.ofSeconds(1);
    private final MutableClock clock = new MutableClock(Instant.parse("2031-01-01T00:00:00Z"));

    @Override
    protected ProductCache newCache(Duration ttl, Duration jitter, Duration nullTtl) {
        return new NearProductCache(new InMemoryProductCache(clock, ttl, jitter, nullTtl), clock, NEAR, 1_000);
    }

    @Override
    protected Duration shortTtl() {
        return Duration.ofSeconds(10);
    }

    @Override
    protected void passTime(Duration duration) {
        clock.advance(duration);
    }

    @Test
    void aHotProductReachesTheSharedCacheOncePerNearTtl() {
        CountingShared shared = new CountingShared(InMemoryProductCache.create(clock));
        ProductCache near = new NearProductCache(shared, clock, NEAR, 1_000);
        ProductId hot = productId();
        CountingLoader loader = new CountingLoader(Duration.ZERO).put(detail(hot, 5));

        for (int i = 0; i < 1_000; i++) near.get(hot, loader);
        clock.advance(NEAR);
        for (int i = 0; i < 1_000; i++) near.get(hot, loader);

        assertThat(shared.reads.get()).isEqualTo(2);
        assertThat(loader.calls(hot)).isEqualTo(1);
    }

    @Test
    void aChangeThroughAnotherInstanceIsSeenWithinNearTtl() {
        ProductCache shared = InMemoryProductCache.create(clock);
        ProductCache here = new NearProductCache(shared, clock, NEAR, 1_000);
        ProductCache there = new NearProductCache(shared, clock, NEAR, 1_000);
        ProductId id = productId();
        CountingLoader loader = new CountingLoader(Duration.ZERO).put(detail(id, 5));
        here.get(id, loader);
        there.get(id, loader);

        loader.put(detail(id, 4));
        there.invalidate(id);

        assertThat(there.get(id, loader)).contains(detail(id, 4));
        assertThat(here.get(id, loader)).as("the old copy, still within nearTtl").contains(detail(id, 5));
        clock.advance(NEAR);
        assertThat(here.get(id, loader)).contains(detail(id, 4));
    }

    @Test
    void aReadOverlappingAnInvalidateKeepsNothing() throws Exception {
        ProductId id = productId();
        CountDownLatch readStarted = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        ProductCache slowShared = new ProductCache() {
            @Override
            public Optional<ProductDetail> get(ProductId pid, Function<ProductId, Optional<ProductDetail>> loader) {
                if (reads.incrementAndGet() == 1) {
                    readStarted.countDown();
                    await(invalidated);
                    return Optional.of(detail(pid, 5)); // read before the change
                }
                return loader.apply(pid);
            }

            @Override
            public void invalidate(ProductId pid) {
            }
        };
        ProductCache near = new NearProductCache(slowShared, clock, NEAR, 1_000);
        CountingLoader loader = new CountingLoader(Duration.ZERO).put(detail(id, 4));

        CompletableFuture<Optional<ProductDetail>> overlapping = CompletableFuture.supplyAsync(() -> near.get(id, loader));
        assertThat(readStarted.await(5, TimeUnit.SECONDS)).isTrue();
        near.invalidate(id);
        invalidated.countDown();

        assertThat(overlapping.get(5, TimeUnit.SECONDS)).contains(detail(id, 5));
        assertThat(near.get(id, loader)).as("not served from a copy of the overlapped read").contains(detail(id, 4));
        assertThat(reads.get()).isEqualTo(2);
    }

    @Test
    void aFullNearCacheStartsAfreshAndStillAnswers() {
        CountingShared shared = new CountingShared(InMemoryProductCache.create(clock));
        ProductCache near = new NearProductCache(shared, clock, NEAR, 10);
        CountingLoader loader = new CountingLoader(Duration.ZERO);
        ProductId[] ids = new ProductId[11];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = productId();
            loader.put(detail(ids[i], i));
            assertThat(near.get(ids[i], loader)).contains(detail(ids[i], i));
        }

        assertThat(near.get(ids[10], loader)).contains(detail(ids[10], 10));
        assertThat(shared.reads.get()).as("the 11th is kept after the clear").isEqualTo(11);
        assertThat(near.get(ids[0], loader)).contains(detail(ids[0], 0));
        assertThat(shared.reads.get()).as("the first was dropped with the clear").isEqualTo(12);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) throw new IllegalStateException("latch not released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A shared cache that counts the reads reaching it. */
    private static final class CountingShared implements ProductCache {
        private final ProductCache inner;
        private final AtomicInteger reads = new AtomicInteger();

        CountingShared(ProductCache inner) {
            this.inner = inner;
        }

        @Override
        public Optional<ProductDetail> get(ProductId id, Function<ProductId, Optional<ProductDetail>> loader) {
            reads.incrementAndGet();
            return inner.get(id, loader);
        }

        @Override
        public void invalidate(ProductId id) {
            inner.invalidate(id);
        }
    }
}
