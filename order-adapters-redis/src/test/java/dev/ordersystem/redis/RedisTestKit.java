package dev.ordersystem.redis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one test opens on the test Redis: connection pools and whole fast paths, each under a fresh
 * key prefix or under one the test shares between "instances". Closing it checks that nothing fell
 * back to the Redis-down path while Redis was up, then deletes every prefix's keys and closes all,
 * so runs can repeat and overlap.
 */
final class RedisTestKit implements AutoCloseable {
    /** The fail-open log to hand the adapters a test builds by hand. */
    final FailOpenLog failOpen = new FailOpenLog();
    private final List<RedisConnection> connections = new ArrayList<>();
    private final List<RedisFastPath> fastPaths = new ArrayList<>();

    /** A connection pool under a fresh key prefix. */
    RedisConnection connection() {
        return connection(TestRedis.freshSettings());
    }

    /** A connection pool of its own under the given prefix: another app instance when the prefix is shared. */
    RedisConnection connection(RedisSettings settings) {
        RedisConnection connection = new RedisConnection(settings);
        connections.add(connection);
        return connection;
    }

    /** The fast path as the app builds it, under a fresh key prefix. */
    RedisFastPath fastPath() {
        return fastPath(TestRedis.freshSettings());
    }

    RedisFastPath fastPath(RedisSettings settings) {
        return keep(RedisFastPath.connect(settings));
    }

    RedisFastPath fastPath(RedisSettings settings, ProductCacheTimes times) {
        return keep(RedisFastPath.connect(settings, times));
    }

    private RedisFastPath keep(RedisFastPath fastPath) {
        fastPaths.add(fastPath);
        return fastPath;
    }

    @Override
    public void close() {
        try {
            assertThat(failOpen.total()).as("no fallback while Redis is up").isZero();
            for (RedisFastPath fastPath : fastPaths) {
                assertThat(fastPath.failOpenCount()).as("no fallback while Redis is up").isZero();
            }
        } finally {
            Set<RedisSettings> prefixes = new LinkedHashSet<>();
            connections.forEach(c -> prefixes.add(c.settings()));
            fastPaths.forEach(f -> prefixes.add(f.settings()));
            Set<String> cleaned = new LinkedHashSet<>();
            for (RedisSettings settings : prefixes) {
                if (!cleaned.add(settings.keyPrefix())) continue;
                try (RedisConnection cleaner = new RedisConnection(settings)) {
                    TestRedis.deleteKeys(cleaner, settings.keyPrefix());
                }
            }
            connections.forEach(RedisConnection::close);
            fastPaths.forEach(RedisFastPath::close);
        }
    }
}
