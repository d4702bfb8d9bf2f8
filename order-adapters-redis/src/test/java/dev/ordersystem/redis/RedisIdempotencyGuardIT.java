package dev.ordersystem.redis;

import dev.ordersystem.core.contract.AbstractIdempotencyGuardTest;
import dev.ordersystem.core.port.IdempotencyGuard;
import dev.ordersystem.core.port.IdempotencyGuard.Lease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RedisIdempotencyGuardIT extends AbstractIdempotencyGuardTest {
    private final List<RedisConnection> opened = new ArrayList<>();
    private final FailOpenLog failOpen = new FailOpenLog();

    @Override
    protected IdempotencyGuard newGuard() {
        return new RedisIdempotencyGuard(open(), failOpen);
    }

    @Override
    protected Duration shortTtl() {
        return Duration.ofMillis(200);
    }

    @Override
    protected void passTime(Duration duration) {
        Sleep.of(duration);
    }

    private RedisConnection open() {
        RedisConnection connection = new RedisConnection(TestRedis.freshSettings());
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
    void theKeyLivesUnderThePrefixWithTheRequestedTtl() {
        RedisConnection redis = open();
        RedisIdempotencyGuard guard = new RedisIdempotencyGuard(redis, failOpen);

        Lease lease = guard.tryAcquire("pay-notify:2031030112345678", Duration.ofSeconds(5)).orElseThrow();

        String key = redis.settings().keyPrefix() + ":guard:pay-notify:2031030112345678";
        assertThat(redis.<String>call("get", r -> r.get(key))).isEqualTo(lease.token());
        assertThat(redis.<Long>call("pttl", r -> r.pttl(key))).isBetween(1L, 5_000L);
        guard.release(lease);
        assertThat(redis.<Boolean>call("exists", r -> r.exists(key))).isFalse();
    }

    @Test
    void twoInstancesSharingRedisShareTheGuard() {
        RedisConnection first = open();
        RedisConnection second = new RedisConnection(first.settings());
        opened.add(second);

        assertThat(new RedisIdempotencyGuard(first, failOpen).tryAcquire("submit:u1:cart", Duration.ofSeconds(5))).isPresent();
        assertThat(new RedisIdempotencyGuard(second, failOpen).tryAcquire("submit:u1:cart", Duration.ofSeconds(5))).isEmpty();
    }
}
