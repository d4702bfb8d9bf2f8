package dev.ordersystem.mysql;

import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Objects;

/**
 * Settings of a {@link SqlDatabase}.
 *
 * @param currency          the deployment's one currency: amounts are stored as minor units of it
 * @param poolSize          connections in the pool; the default follows HikariCP's "About Pool
 *                          Sizing": cores × 2 + 1 (5 on a 2-core box)
 * @param connectionTimeout how long a caller waits for a free connection (or a new one to a
 *                          server that went away): seconds, so a dead server costs a 503 soon
 * @param maxAttempts       how often a transaction runs when it keeps hitting deadlocks or
 *                          lock-wait timeouts (the first run included)
 * @param retryBackoff      the first pause before a retry; doubles each time, with jitter
 * @param clock             stamps rows the ports write without a time of their own (journal, movements)
 */
public record SqlOptions(Currency currency, int poolSize, Duration connectionTimeout, int maxAttempts,
                         Duration retryBackoff, Clock clock) {

    private static final Duration CLUSTER_BACKOFF = Duration.ofMillis(20);

    public SqlOptions {
        Objects.requireNonNull(currency, "currency");
        if (poolSize < 1) throw new IllegalArgumentException("poolSize must be positive");
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be positive");
        if (connectionTimeout.toMillis() < 250) throw new IllegalArgumentException("connectionTimeout must be >= 250 ms");
        if (retryBackoff.isNegative()) throw new IllegalArgumentException("retryBackoff must not be negative");
        Objects.requireNonNull(clock, "clock");
    }

    public static SqlOptions defaults() {
        return new SqlOptions(Currency.getInstance("CNY"), Runtime.getRuntime().availableProcessors() * 2 + 1,
                Duration.ofSeconds(5), 5, Duration.ofMillis(5), Clock.systemUTC());
    }

    /**
     * These options sized for a Galera cluster: conflicting writes on different nodes fail at
     * commit (certification) and keep failing while the other node's stream of commits goes on,
     * so more attempts (at least 10) with pauses of tens to hundreds of ms (from 20 ms, doubling).
     */
    public SqlOptions onCluster() {
        return new SqlOptions(currency, poolSize, connectionTimeout, Math.max(maxAttempts, 10),
                retryBackoff.compareTo(CLUSTER_BACKOFF) < 0 ? CLUSTER_BACKOFF : retryBackoff, clock);
    }

    public SqlOptions withCurrency(Currency value) {
        return new SqlOptions(value, poolSize, connectionTimeout, maxAttempts, retryBackoff, clock);
    }

    public SqlOptions withPoolSize(int value) {
        return new SqlOptions(currency, value, connectionTimeout, maxAttempts, retryBackoff, clock);
    }

    public SqlOptions withMaxAttempts(int value) {
        return new SqlOptions(currency, poolSize, connectionTimeout, value, retryBackoff, clock);
    }

    public SqlOptions withConnectionTimeout(Duration value) {
        return new SqlOptions(currency, poolSize, value, maxAttempts, retryBackoff, clock);
    }

    public SqlOptions withClock(Clock value) {
        return new SqlOptions(currency, poolSize, connectionTimeout, maxAttempts, retryBackoff, value);
    }
}
