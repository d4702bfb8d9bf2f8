package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.AbstractTokenCacheTest;
import dev.ordersystem.core.contract.MutableClock;
import dev.ordersystem.core.port.TokenCache;

import java.time.Duration;
import java.time.Instant;

class InMemoryTokenCacheTest extends AbstractTokenCacheTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2031-01-01T00:00:00Z"));

    @Override
    protected TokenCache newCache() {
        return new InMemoryTokenCache(clock);
    }

    @Override
    protected void passTime(Duration duration) {
        clock.advance(duration);
    }

    @Override
    protected Duration shortTtl() {
        return Duration.ofSeconds(5);
    }
}
