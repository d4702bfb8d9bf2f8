package dev.ordersystem.redis;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.UUID;

/**
 * The Redis of the integration tests: {@code ORDER_TEST_REDIS_URL} if set, else a {@code redis:7}
 * container when a Docker engine is available, else a failure that says how to provide one.
 * Every caller gets its own random key prefix, so runs can repeat and overlap.
 */
final class TestRedis {
    private static final String ENV = "ORDER_TEST_REDIS_URL";
    private static String url;

    private TestRedis() {
    }

    /** Settings for a fresh key prefix, with timeouts roomy enough for a busy build machine. */
    static RedisSettings freshSettings() {
        return RedisSettings.fromUrl(url()).withKeyPrefix("it-" + UUID.randomUUID().toString().substring(0, 13));
    }

    /** Deletes every key under {@code prefix}, including the hash-tagged ones. */
    static void deleteKeys(RedisConnection redis, String prefix) {
        redis.deleteKeysUnder(prefix);
    }

    private static synchronized String url() {
        if (url != null) return url;
        String configured = System.getenv(ENV);
        if (configured != null && !configured.isBlank()) {
            url = configured.trim();
        } else if (DockerClientFactory.instance().isDockerAvailable()) {
            // Stopped by Testcontainers' reaper when the test JVM exits.
            GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("redis:7")).withExposedPorts(6379);
            container.start();
            url = "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
        } else {
            throw new IllegalStateException("The Redis integration tests need a Redis 7: set " + ENV
                    + "=redis://host:port[/db] (e.g. a local redis-server on redis://127.0.0.1:6379),"
                    + " or make a Docker engine available so Testcontainers can start redis:7.");
        }
        return url;
    }
}
