package dev.ordersystem.redis;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.SafeEncoder;

import java.util.List;
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

    /** The server that holds {@code key}: the one server, or the primary of a Redis Cluster that serves its slot. */
    @SuppressWarnings("unchecked")
    static HostAndPort serverOf(RedisSettings settings, String key) {
        if (!settings.endpoint().cluster()) return new HostAndPort(settings.host(), settings.port());
        try (Jedis any = new Jedis(settings.host(), settings.port())) {
            long slot = any.clusterKeySlot(key);
            for (Object range : any.clusterSlots()) { // [first slot, last slot, [host, port, id], replicas…]
                List<Object> slots = (List<Object>) range;
                if ((Long) slots.get(0) <= slot && slot <= (Long) slots.get(1)) {
                    List<Object> primary = (List<Object>) slots.get(2);
                    return new HostAndPort(SafeEncoder.encode((byte[]) primary.get(0)), ((Long) primary.get(1)).intValue());
                }
            }
        }
        throw new IllegalStateException("no node of the Redis Cluster serves the slot of " + key);
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
