package dev.ordersystem.redis;

import dev.ordersystem.core.contract.AbstractTokenCacheTest;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.TokenCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisTokenCacheIT extends AbstractTokenCacheTest {
    private final List<RedisConnection> opened = new ArrayList<>();
    private final FailOpenLog failOpen = new FailOpenLog();

    @Override
    protected TokenCache newCache() {
        return new RedisTokenCache(open(TestRedis.freshSettings()), failOpen);
    }

    @Override
    protected void passTime(Duration duration) {
        Sleep.of(duration);
    }

    @Override
    protected Duration shortTtl() {
        return Duration.ofMillis(200);
    }

    private RedisConnection open(RedisSettings settings) {
        RedisConnection connection = new RedisConnection(settings);
        opened.add(connection);
        return connection;
    }

    @AfterEach
    void closeAndClean() {
        assertThat(failOpen.total()).as("no fallback while Redis is up").isZero();
        for (RedisConnection connection : opened) {
            TestRedis.deleteKeys(connection, connection.settings().keyPrefix());
            connection.close();
        }
    }

    @Test
    void theEntryLivesUnderThePrefixWithTheRequestedTtl() {
        RedisConnection redis = open(TestRedis.freshSettings());
        RedisTokenCache cache = new RedisTokenCache(redis, failOpen);

        cache.remember("d1gest", new UserId(42), Duration.ofSeconds(30));

        String key = redis.settings().keyPrefix() + ":token:d1gest";
        assertThat(redis.<String>call("get", r -> r.get(key))).isEqualTo("42");
        assertThat(redis.<Long>call("pttl", r -> r.pttl(key))).isBetween(1L, 30_000L);
    }

    @Test
    void twoInstancesSharingRedisShareTheTokens() {
        RedisSettings settings = TestRedis.freshSettings();
        RedisTokenCache first = new RedisTokenCache(open(settings), failOpen);
        RedisTokenCache second = new RedisTokenCache(open(settings), failOpen);

        first.remember("shared", new UserId(9), Duration.ofMinutes(1));
        assertThat(second.find("shared")).contains(new UserId(9));

        second.forget("shared");
        assertThat(first.find("shared")).isEmpty();
    }

    @Test
    void anEntryThatHoldsNoUserIdIsIgnored() {
        RedisConnection redis = open(TestRedis.freshSettings());
        redis.call("set", r -> r.set(redis.settings().keyPrefix() + ":token:junk", "not-a-user"));

        assertThat(new RedisTokenCache(redis, failOpen).find("junk")).isEmpty();
    }

    @Test
    void aBlankDigestIsRefused() {
        RedisTokenCache cache = new RedisTokenCache(open(TestRedis.freshSettings()), failOpen);

        assertThatThrownBy(() -> cache.remember(" ", new UserId(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token digest");
    }
}
