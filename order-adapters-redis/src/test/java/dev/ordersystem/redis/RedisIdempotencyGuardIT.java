package dev.ordersystem.redis;

import dev.ordersystem.core.contract.AbstractIdempotencyGuardTest;
import dev.ordersystem.core.port.IdempotencyGuard;
import dev.ordersystem.core.port.IdempotencyGuard.Lease;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RedisIdempotencyGuardIT extends AbstractIdempotencyGuardTest {
    @AutoClose
    private final RedisTestKit kit = new RedisTestKit();

    @Override
    protected IdempotencyGuard newGuard() {
        return new RedisIdempotencyGuard(kit.connection(), kit.failOpen);
    }

    @Override
    protected Duration shortTtl() {
        return Duration.ofMillis(200);
    }

    @Override
    protected void passTime(Duration duration) {
        Sleep.of(duration);
    }

    @Test
    void theKeyLivesUnderThePrefixWithTheRequestedTtl() {
        RedisConnection redis = kit.connection();
        RedisIdempotencyGuard guard = new RedisIdempotencyGuard(redis, kit.failOpen);

        Lease lease = guard.tryAcquire("pay-notify:2031030112345678", Duration.ofSeconds(5)).orElseThrow();

        String key = redis.settings().keyPrefix() + ":guard:pay-notify:2031030112345678";
        assertThat(redis.<String>call("get", r -> r.get(key))).isEqualTo(lease.token());
        assertThat(redis.<Long>call("pttl", r -> r.pttl(key))).isBetween(1L, 5_000L);
        guard.release(lease);
        assertThat(redis.<Boolean>call("exists", r -> r.exists(key))).isFalse();
    }

    @Test
    void twoInstancesSharingRedisShareTheGuard() {
        RedisConnection first = kit.connection();
        RedisConnection second = kit.connection(first.settings());

        assertThat(new RedisIdempotencyGuard(first, kit.failOpen).tryAcquire("submit:u1:cart", Duration.ofSeconds(5))).isPresent();
        assertThat(new RedisIdempotencyGuard(second, kit.failOpen).tryAcquire("submit:u1:cart", Duration.ofSeconds(5))).isEmpty();
    }
}
