package dev.ordersystem.redis;

import dev.ordersystem.core.contract.AbstractProductCacheTest;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.ProductCache;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product cache as the app builds it on Redis ({@link RedisFastPath}): a near copy per
 * instance over Redis. The whole contract, plus how late one instance sees another's change.
 */
class NearRedisProductCacheIT extends AbstractProductCacheTest {
    private static final Duration NEAR = Duration.ofMillis(50);
    @AutoClose
    private final RedisTestKit kit = new RedisTestKit();

    @Override
    protected ProductCache newCache(Duration ttl, Duration jitter, Duration nullTtl) {
        return open(TestRedis.freshSettings(), ttl, jitter, nullTtl).fastPath().cache();
    }

    private RedisFastPath open(RedisSettings settings, Duration ttl, Duration jitter, Duration nullTtl) {
        return kit.fastPath(settings, ProductCacheTimes.defaults()
                .withTtl(ttl, jitter).withNullTtl(nullTtl).withLoadWait(Duration.ofSeconds(5)).withNearTtl(NEAR));
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
    void anotherInstanceSeesAChangeWithinNearTtl() {
        RedisSettings shared = TestRedis.freshSettings();
        Duration long_ = Duration.ofMinutes(10);
        ProductCache here = open(shared, long_, Duration.ZERO, long_).fastPath().cache();
        ProductCache there = open(shared, long_, Duration.ZERO, long_).fastPath().cache();
        ProductId id = productId();
        CountingLoader loader = new CountingLoader(Duration.ZERO).put(detail(id, 5));
        here.get(id, loader);
        there.get(id, loader);

        loader.put(detail(id, 4));
        there.invalidate(id);
        assertThat(there.get(id, loader)).as("at once where it changed").contains(detail(id, 4));
        Sleep.of(NEAR.multipliedBy(2));

        assertThat(here.get(id, loader)).as("within nearTtl elsewhere").contains(detail(id, 4));
        assertThat(loader.calls(id)).isEqualTo(2);
    }
}
