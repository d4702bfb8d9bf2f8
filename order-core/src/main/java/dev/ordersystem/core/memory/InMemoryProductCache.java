package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.ProductCache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The {@link ProductCache} of one process. Entries live {@code ttl} plus a random share of
 * {@code jitter} (so entries loaded together do not expire together); a missing id is remembered
 * for {@code nullTtl}; concurrent misses on one id wait for a single load. A load that overlaps
 * an {@link #invalidate} is handed to its callers but not kept, so it cannot bring back what
 * the change replaced.
 */
public final class InMemoryProductCache implements ProductCache {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_JITTER = Duration.ofSeconds(15);
    public static final Duration DEFAULT_NULL_TTL = Duration.ofMinutes(5);

    private final Map<ProductId, Entry> entries = new ConcurrentHashMap<>();
    private final SingleFlight<ProductId, Optional<ProductDetail>> loads = new SingleFlight<>();
    private final Clock clock;
    private final Duration ttl;
    private final Duration jitter;
    private final Duration nullTtl;

    public InMemoryProductCache(Clock clock, Duration ttl, Duration jitter, Duration nullTtl) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = positive(ttl, "ttl");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.nullTtl = positive(nullTtl, "nullTtl");
        if (jitter.isNegative()) throw new IllegalArgumentException("jitter must not be negative: " + jitter);
    }

    /** A cache with the default times: 60 s (+ up to 15 s jitter), missing ids 5 min. */
    public static InMemoryProductCache create(Clock clock) {
        return new InMemoryProductCache(clock, DEFAULT_TTL, DEFAULT_JITTER, DEFAULT_NULL_TTL);
    }

    @Override
    public Optional<ProductDetail> get(ProductId id, Function<ProductId, Optional<ProductDetail>> loader) {
        Objects.requireNonNull(id, "id");
        Entry cached = fresh(id);
        if (cached != null) return cached.value;
        return loads.load(id, flight -> {
            // Another caller may have stored the value between our miss and our turn to load.
            Entry stored = fresh(id);
            if (stored != null) return stored.value;
            Optional<ProductDetail> value = Objects.requireNonNull(loader.apply(id), "loader result");
            keep(id, value, flight);
            return value;
        });
    }

    @Override
    public void invalidate(ProductId id) {
        // Atomic with keep(): a load that started before this call no longer owns the key.
        entries.compute(id, (key, old) -> {
            loads.forget(key);
            return null;
        });
    }

    private void keep(ProductId id, Optional<ProductDetail> value, SingleFlight.Flight flight) {
        Instant expiresAt = clock.instant().plus(value.isPresent() ? ttl.plus(randomShareOf(jitter)) : nullTtl);
        entries.compute(id, (key, old) -> flight.current() ? new Entry(value, expiresAt) : old);
    }

    private Entry fresh(ProductId id) {
        Entry entry = entries.get(id);
        return entry != null && clock.instant().isBefore(entry.expiresAt) ? entry : null;
    }

    private static Duration randomShareOf(Duration jitter) {
        long millis = jitter.toMillis();
        return millis <= 0 ? Duration.ZERO : Duration.ofMillis(ThreadLocalRandom.current().nextLong(millis + 1));
    }

    private static Duration positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) throw new IllegalArgumentException(name + " must be positive: " + value);
        return value;
    }

    private record Entry(Optional<ProductDetail> value, Instant expiresAt) {
    }
}
