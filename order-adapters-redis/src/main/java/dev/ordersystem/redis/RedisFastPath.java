package dev.ordersystem.redis;

import dev.ordersystem.core.port.FastPath;

/**
 * The fast path on one Redis: guard, delay queue, product cache, stock gate and token cache over
 * one connection pool.
 * The app asks it for readiness ({@link #status()}), reads {@link #failOpenCount()} into its
 * metrics, and closes it at shutdown.
 */
public final class RedisFastPath implements AutoCloseable {
    private final RedisConnection connection;
    private final FailOpenLog failOpen = new FailOpenLog();
    private final FastPath fastPath;

    private RedisFastPath(RedisConnection connection, ProductCacheTimes cacheTimes) {
        this.connection = connection;
        this.fastPath = new FastPath(
                new RedisIdempotencyGuard(connection, failOpen),
                new RedisDelayScheduler(connection),
                new RedisProductCache(connection, cacheTimes, failOpen),
                new RedisStockGate(connection, failOpen),
                new RedisTokenCache(connection, failOpen));
    }

    /** Opens a pool to {@code settings} (lazily: an unreachable Redis is no error here) with the default cache times. */
    public static RedisFastPath connect(RedisSettings settings) {
        return connect(settings, ProductCacheTimes.defaults());
    }

    public static RedisFastPath connect(RedisSettings settings, ProductCacheTimes cacheTimes) {
        return new RedisFastPath(new RedisConnection(settings), cacheTimes);
    }

    public FastPath fastPath() {
        return fastPath;
    }

    /** One {@code PING} within the read timeout: for the readiness probe. */
    public RedisStatus status() {
        return connection.ping();
    }

    public RedisSettings settings() {
        return connection.settings();
    }

    /** How often the guard, the caches and the stock gate carried on without Redis since start. */
    public long failOpenCount() {
        return failOpen.total();
    }

    @Override
    public void close() {
        connection.close();
    }
}
