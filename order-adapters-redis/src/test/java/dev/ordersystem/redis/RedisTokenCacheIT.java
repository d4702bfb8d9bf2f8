package dev.ordersystem.redis;

import dev.ordersystem.core.contract.AbstractTokenCacheTest;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.TokenCache;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisTokenCacheIT extends AbstractTokenCacheTest {
    @AutoClose
    private final RedisTestKit kit = new RedisTestKit();

    @Override
    protected TokenCache newCache() {
        return new RedisTokenCache(kit.connection(), kit.failOpen);
    }

    @Override
    protected void passTime(Duration duration) {
        Sleep.of(duration);
    }

    @Override
    protected Duration shortTtl() {
        return Duration.ofMillis(200);
    }

    @Test
    void theEntryLivesUnderThePrefixWithTheRequestedTtl() {
        RedisConnection redis = kit.connection();
        RedisTokenCache cache = new RedisTokenCache(redis, kit.failOpen);

        cache.remember("d1gest", new UserId(42), Duration.ofSeconds(30));

        String key = redis.settings().keyPrefix() + ":token:d1gest";
        assertThat(redis.<String>call("get", r -> r.get(key))).isEqualTo("42");
        assertThat(redis.<Long>call("pttl", r -> r.pttl(key))).isBetween(1L, 30_000L);
    }

    @Test
    void twoInstancesSharingRedisShareTheTokens() {
        RedisSettings settings = TestRedis.freshSettings();
        RedisTokenCache first = new RedisTokenCache(kit.connection(settings), kit.failOpen);
        RedisTokenCache second = new RedisTokenCache(kit.connection(settings), kit.failOpen);

        first.remember("shared", new UserId(9), Duration.ofMinutes(1));
        assertThat(second.find("shared")).contains(new UserId(9));

        second.forget("shared");
        assertThat(first.find("shared")).isEmpty();
    }

    @Test
    void anEntryThatHoldsNoUserIdIsIgnored() {
        RedisConnection redis = kit.connection();
        redis.call("set", r -> r.set(redis.settings().keyPrefix() + ":token:junk", "not-a-user"));

        assertThat(new RedisTokenCache(redis, kit.failOpen).find("junk")).isEmpty();
    }

    @Test
    void aBlankDigestIsRefused() {
        RedisTokenCache cache = new RedisTokenCache(kit.connection(), kit.failOpen);

        assertThatThrownBy(() -> cache.remember(" ", new UserId(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token digest");
    }
}
