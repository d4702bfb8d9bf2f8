package dev.ordersystem.core.memory;

import dev.ordersystem.core.port.IdempotencyGuard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link IdempotencyGuard} of one process: a map of held keys with their expiry, read
 * against the injected clock. Same semantics as {@code SET key token NX PX ttl} plus a
 * compare-and-delete release.
 */
public final class InMemoryIdempotencyGuard implements IdempotencyGuard {
    /** Expired keys are only noticed when touched; every this many acquisitions the rest are swept. */
    private static final int PURGE_EVERY = 1024;

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final AtomicInteger acquisitions = new AtomicInteger();
    private final Clock clock;

    public InMemoryIdempotencyGuard(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Lease> tryAcquire(String key, Duration ttl) {
        if (key == null || key.isBlank()) throw new IllegalArgumentException("guard key must not be blank");
        if (ttl == null || ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("guard ttl must be positive: " + ttl);
        Instant now = clock.instant();
        Held mine = new Held(UUID.randomUUID().toString(), now.plus(ttl));
        // compute() runs atomically per key: exactly one caller replaces a missing or expired holder.
        Held winner = held.compute(key, (k, current) -> current == null || current.expiredAt(now) ? mine : current);
        if (acquisitions.incrementAndGet() % PURGE_EVERY == 0) purgeExpired(now);
        return winner == mine ? Optional.of(new Lease(key, mine.token)) : Optional.empty();
    }

    @Override
    public void release(Lease lease) {
        Objects.requireNonNull(lease, "lease");
        held.computeIfPresent(lease.key(), (k, current) -> current.token.equals(lease.token()) ? null : current);
    }

    private void purgeExpired(Instant now) {
        held.entrySet().removeIf(entry -> entry.getValue().expiredAt(now));
    }

    private record Held(String token, Instant expiresAt) {
        boolean expiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }
}
