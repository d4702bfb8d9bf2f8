package dev.ordersystem.redis;

import dev.ordersystem.core.memory.GateCountCopy;
import dev.ordersystem.core.memory.NearProductCache;
import dev.ordersystem.core.memory.SoldOutMemo;
import dev.ordersystem.core.port.FastPath;
import dev.ordersystem.core.port.ProductCache;

import java.time.Clock;
import java.time.Duration;

/**
 * The fast path on one Redis: guard, delay queue, product cache (with a near copy per instance),
 * stock gate (with a memo of its sold-out answers and a short copy of its counts for product
 * reads, per instance), token cache and attempt budgets over one connection pool.
 * The app asks it for readiness ({@link #status()}), reads {@link #failOpenCount()} into its
 * metrics, and closes it at shutdown.
 */
public final class RedisFastPath implements AutoCloseable {
    /** Copies kept near at most: far more than the products a shop's buyers look at within a second. */
    private static final int NEAR_ENTRIES = 10_000;

    /**
     * How long a sold-out answer of the gate is repeated here without asking Redis: units that
     * come back through another instance are sold at most this much later.
     */
    static final Duration SOLD_OUT_MEMO = Duration.ofMillis(250);

    /**
     * How old a copy of the gate's counts product reads use before it is read again in the
     * background: another instance's change shows here about this much later.
     */
    static final Duration GATE_COUNT_REFRESH = Duration.ofMillis(500);
    /** A copy this old is never shown (the read waits for Redis): another instance's change shows within it. */
    static final Duration GATE_COUNT_MAX_AGE = Duration.ofSeconds(1);

    private final RedisConnection connection;
    private final FailOpenLog failOpen = new FailOpenLog();
    private final FastPath fastPath;

    private RedisFastPath(RedisConnection connection, ProductCacheTimes cacheTimes) {
        this.connection = connection;
        this.fastPath = new FastPath(
                new RedisIdempotencyGuard(connection, failOpen),
                new RedisDelayScheduler(connection),
                productCache(connection, cacheTimes),
                new GateCountCopy(new SoldOutMemo(new RedisStockGate(connection, failOpen), Clock.systemUTC(), SOLD_OUT_MEMO),
                        Clock.systemUTC(), GATE_COUNT_REFRESH, GATE_COUNT_MAX_AGE),
                new RedisTokenCache(connection, failOpen),
                new RedisAttemptBudgets(connection, failOpen));
    }

    /** Redis' product cache, behind a near copy in this process unless {@code nearTtl} is zero. */
    private ProductCache productCache(RedisConnection connection, ProductCacheTimes times) {
        ProductCache redis = new RedisProductCache(connection, times, failOpen);
        return times.nearTtl().isZero() ? redis
                : new NearProductCache(redis, Clock.systemUTC(), times.nearTtl(), NEAR_ENTRIES);
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

    /** How often the guard, the caches, the stock gate and the attempt budgets carried on without Redis since start. */
    public long failOpenCount() {
        return failOpen.total();
    }

    @Override
    public void close() {
        connection.close();
    }
}
