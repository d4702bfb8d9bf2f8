package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.ProductCache;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A short-lived copy in this process of what a shared {@link ProductCache} (Redis) answered, so a
 * hot product costs one Redis round trip per {@code nearTtl} and instance instead of one per read.
 * A change made through this instance is seen at once: {@link #invalidate} drops the copy before
 * it clears the shared cache, and a read that overlapped it does not keep what it read. A change
 * made through another instance is seen here within {@code nearTtl}, which is why it is short
 * (a second by default). The stock a product read shows does not come from here
 * ({@code AvailableStock}).
 */
public final class NearProductCache implements ProductCache {
    private final ProductCache shared;
    private final Clock clock;
    private final long ttlMillis;
    private final int maxEntries;
    private final ConcurrentHashMap<ProductId, Copy> copies = new ConcurrentHashMap<>();
    /** Bumped by every invalidate: a read that saw another value than at its start keeps nothing. */
    private final AtomicLong invalidations = new AtomicLong();

    public NearProductCache(ProductCache shared, Clock clock, Duration nearTtl, int maxEntries) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (nearTtl == null || nearTtl.toMillis() < 1) throw new IllegalArgumentException("nearTtl must be at least 1 ms: " + nearTtl);
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        this.ttlMillis = nearTtl.toMillis();
        this.maxEntries = maxEntries;
    }

    @Override
    public Optional<ProductDetail> get(ProductId id, Function<ProductId, Optional<ProductDetail>> loader) {
        Objects.requireNonNull(id, "id");
        long now = clock.millis();
        Copy copy = copies.get(id);
        if (copy != null && now < copy.expiresAt) return copy.value;
        long seen = invalidations.get();
        Optional<ProductDetail> value = shared.get(id, loader);
        // A full map is emptied rather than trimmed: it only fills when more products are read
        // within one nearTtl than it holds, and then most copies are about to expire anyway.
        if (copies.size() >= maxEntries) copies.clear();
        // Atomic with invalidate's compute on the same id: either it ran first and bumped the
        // counter (nothing kept), or it runs after and drops this copy.
        copies.compute(id, (key, old) -> invalidations.get() == seen ? new Copy(value, now + ttlMillis) : old);
        return value;
    }

    @Override
    public void invalidate(ProductId id) {
        copies.compute(id, (key, old) -> {
            invalidations.incrementAndGet();
            return null;
        });
        shared.invalidate(id);
    }

    private record Copy(Optional<ProductDetail> value, long expiresAt) {
    }
}
