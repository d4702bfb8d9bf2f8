package dev.ordersystem.redis;

import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The pooled Jedis client with bounded waits. Every command goes through {@link #call}, which
 * turns any Jedis failure into {@link RedisUnavailable}. After a connection failure, calls fail
 * at once for {@code pauseAfterFailure}, so a dead Redis costs one timeout, not one per request.
 */
public final class RedisConnection implements AutoCloseable {
    private final UnifiedJedis client;
    private final RedisSettings settings;
    private final long pauseNanos;
    /** System.nanoTime() until which calls fail without trying; 0 when Redis last answered. */
    private final AtomicLong pausedUntil = new AtomicLong();

    public RedisConnection(RedisSettings settings) {
        this.settings = settings;
        this.pauseNanos = settings.pauseAfterFailure().toNanos();
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) settings.connectTimeout().toMillis())
                .socketTimeoutMillis((int) settings.readTimeout().toMillis())
                .database(settings.database())
                .ssl(settings.tls())
                // Named after the deployment's key prefix, so CLIENT LIST tells the deployments sharing a Redis apart.
                .clientName("order-system:" + settings.keyPrefix());
        if (settings.user() != null) config.user(settings.user());
        if (settings.password() != null) config.password(settings.password());
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(settings.poolSize());
        pool.setMaxIdle(settings.poolSize());
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        // After a Redis restart every idle connection is dead, and each one borrowed would fail a call and
        // pause the rest: test all idle connections every second, so the dead ones are gone within a second.
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(1));
        pool.setNumTestsPerEvictionRun(-1);
        // Waiting for a pooled connection is load, not failure: give it longer than opening one.
        pool.setMaxWait(settings.connectTimeout().plus(settings.readTimeout()).multipliedBy(2));
        RedisEndpoint endpoint = settings.endpoint();
        this.client = endpoint.cluster()
                // One pool per node; the client learns the slots from the seeds, follows MOVED/ASK and, after a
                // failover, asks again within the read timeouts it has (a few attempts in at most 2 s).
                ? RedisClusterClient.builder()
                        .nodes(new LinkedHashSet<>(endpoint.nodes()))
                        .clientConfig(config.build())
                        .poolConfig(pool)
                        .maxAttempts(5)
                        .maxTotalRetriesDuration(Duration.ofSeconds(2))
                        .topologyRefreshPeriod(Duration.ofSeconds(5))
                        .build()
                : RedisClient.builder()
                        .hostAndPort(settings.host(), settings.port())
                        .clientConfig(config.build())
                        .poolConfig(pool)
                        .build();
    }

    /** Runs one Redis command (or script) named {@code operation} for error messages. */
    public <T> T call(String operation, Function<UnifiedJedis, T> command) {
        long until = pausedUntil.get();
        if (until != 0 && System.nanoTime() - until < 0) {
            throw new RedisUnavailable(operation + ": Redis at " + settings.address() + " failed moments ago; not retried yet");
        }
        try {
            T result = command.apply(client);
            if (until != 0) pausedUntil.compareAndSet(until, 0);
            return result;
        } catch (JedisConnectionException e) {
            pausedUntil.set(System.nanoTime() + pauseNanos);
            throw new RedisUnavailable(operation + ": Redis at " + settings.address() + " unreachable: " + e.getMessage(), e);
        } catch (JedisException e) {
            throw new RedisUnavailable(operation + ": Redis at " + settings.address() + " refused: " + e.getMessage(), e);
        }
    }

    /** One {@code PING}, tried even while calls are paused: for readiness probes. */
    public RedisStatus ping() {
        try {
            String answer = client.ping();
            pausedUntil.set(0);
            return "PONG".equalsIgnoreCase(answer) ? RedisStatus.REACHABLE : RedisStatus.UNREACHABLE;
        } catch (JedisConnectionException e) {
            pausedUntil.set(System.nanoTime() + pauseNanos);
            return RedisStatus.UNREACHABLE;
        } catch (JedisException e) {
            return RedisStatus.UNREACHABLE;
        }
    }

    /**
     * Deletes every key under {@code prefix} (including the hash-tagged {@code {prefix:…}} ones):
     * a deployment's prefix retired, or a test's. On a Redis Cluster each node is scanned (SCAN
     * sees one node's keys) and the keys are deleted one by one (a DEL across slots is refused).
     */
    public void deleteKeysUnder(String prefix) {
        call("delete keys under " + prefix, redis -> {
            if (redis instanceof RedisClusterClient cluster) {
                for (ConnectionPool node : cluster.getClusterNodes().values()) {
                    try (Jedis jedis = new Jedis(node.getResource())) {
                        scan(prefix, jedis::scan).forEach(cluster::del);
                    }
                }
            } else {
                List<String> keys = scan(prefix, redis::scan);
                if (!keys.isEmpty()) redis.del(keys.toArray(String[]::new));
            }
            return null;
        });
    }

    private static List<String> scan(String prefix, BiFunction<String, ScanParams, ScanResult<String>> scan) {
        List<String> keys = new ArrayList<>();
        for (String pattern : List.of(prefix + ":*", "{" + prefix + ":*")) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = scan.apply(cursor, new ScanParams().match(pattern).count(1000));
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        return keys;
    }

    public RedisSettings settings() {
        return settings;
    }


    @Override
    public void close() {
        client.close();
    }
}
