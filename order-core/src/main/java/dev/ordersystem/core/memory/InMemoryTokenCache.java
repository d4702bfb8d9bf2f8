package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.TokenCache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The {@link TokenCache} of one process: digests with their user and the time they are forgotten. */
public final class InMemoryTokenCache implements TokenCache {
    /** Expired entries are only noticed when read; every this many writes the rest are swept. */
    private static final int PURGE_EVERY = 1024;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final Clock clock;

    public InMemoryTokenCache(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<UserId> find(String tokenDigest) {
        Instant now = clock.instant();
        Entry entry = entries.get(tokenDigest);
        return entry == null || !now.isBefore(entry.forgetAt) ? Optional.empty() : Optional.of(entry.userId);
    }

    @Override
    public void remember(String tokenDigest, UserId userId, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) return;
        Instant now = clock.instant();
        entries.put(tokenDigest, new Entry(userId, now.plus(ttl)));
        if (writes.incrementAndGet() % PURGE_EVERY == 0) entries.values().removeIf(entry -> !now.isBefore(entry.forgetAt));
    }

    @Override
    public void forget(String tokenDigest) {
        entries.remove(tokenDigest);
    }

    private record Entry(UserId userId, Instant forgetAt) {
    }
}
