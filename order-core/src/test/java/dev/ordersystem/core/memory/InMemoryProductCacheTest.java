package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.MutableClock;
import dev.ordersystem.core.contract.AbstractProductCacheTest;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.FastPath;
import dev.ordersystem.core.port.ProductCache;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryProductCacheTest extends AbstractProductCacheTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2031-01-01T00:00:00Z"));

    @Override
    protected ProductCache newCache(Duration ttl, Duration jitter, Duration nullTtl) {
        return new InMemoryProductCache(clock, ttl, jitter, nullTtl);
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
    void theEmbeddedFastPathRemembersMissingIdsForFiveMinutes() {
        FastPath fastPath = InMemoryFastPath.create(clock);
        ProductId missing = productId();
        CountingLoader loader = new CountingLoader(Duration.ZERO);
        fastPath.cache().get(missing, loader);

        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        fastPath.cache().get(missing, loader);
        assertThat(loader.calls(missing)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        fastPath.cache().get(missing, loader);
        assertThat(loader.calls(missing)).isEqualTo(2);
    }
}
