package dev.ordersystem.redis;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.port.Storage;

import java.time.Clock;

/** An {@link OrderSystem} over a given store with the fast path on the test Redis (a fresh key prefix). */
final class LiveRedisFastPath implements AutoCloseable {
    final RedisFastPath redis;
    final OrderSystem system;

    LiveRedisFastPath(Storage storage, OrderSettings settings, Clock clock) {
        this.redis = RedisFastPath.connect(TestRedis.freshSettings());
        this.system = new OrderSystem(storage, redis.fastPath(), settings, clock);
    }

    @Override
    public void close() {
        try (RedisConnection cleaner = new RedisConnection(redis.settings())) {
            TestRedis.deleteKeys(cleaner, redis.settings().keyPrefix());
        }
        redis.close();
    }
}
