package dev.ordersystem.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A start that fails after Redis was connected closes what it opened (it used to leave the Redis pool open). */
class FailedStartIT {
    @TempDir
    Path dataDir;

    private final String prefix = "it-start-" + TestServers.randomSuffix();

    @AfterEach
    void clean() {
        TestServers.deleteRedisKeys(prefix);
    }

    @Test
    void aStartRefusedAfterRedisWasUsedLeavesNoRedisConnectionOpen() throws Exception {
        AppConfig valid = AppConfig.from(ConfigSource.of(Map.of("ORDER_HTTP_PORT", "0", "ORDER_DATA_DIR", dataDir.toString(),
                "ORDER_REDIS_URL", TestServers.redisUrl(), "ORDER_REDIS_PREFIX", prefix)));
        // Past the configuration check, refused by the HTTP layer: after the store, Redis and the demo
        // catalogue (whose stock gate counts live in Redis) are up.
        AppConfig refusedLate = RecordCopy.with(valid, "adminToken", Optional.of("short"));

        assertThatThrownBy(() -> Application.start(refusedLate, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("admin token");

        assertThat(gateKeysWritten()).as("the start had used Redis before it failed").isTrue();
        // The server notices closed sockets on its own time: poll, with a generous bound.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (connectionsOfThisDeployment() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(connectionsOfThisDeployment()).as("Redis connections named order-system:" + prefix).isZero();
    }

    /** On a Redis Cluster, every node is asked: keys live on the node of their slot, connections go to every node. */
    private boolean gateKeysWritten() {
        return TestServers.redisServers().stream().anyMatch(server -> {
            try (Jedis jedis = new Jedis(server)) {
                return !jedis.keys(prefix + ":*").isEmpty() || !jedis.keys("{" + prefix + ":*").isEmpty();
            }
        });
    }

    private long connectionsOfThisDeployment() {
        String name = "name=order-system:" + prefix + " ";
        return TestServers.redisServers().stream().mapToLong(server -> {
            try (Jedis jedis = new Jedis(server)) {
                return Arrays.stream(jedis.clientList().split("\n")).filter(line -> line.contains(name)).count();
            }
        }).sum();
    }
}
