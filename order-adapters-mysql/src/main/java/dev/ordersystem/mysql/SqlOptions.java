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
 * @param connectionTimeout how long a caller waits for a free connection
 * @param maxAttempts       how often a transaction runs when it keeps hitting deadlocks or
 *                          lock-wait timeouts (the first run included)
 * @param retryBackoff      the first pause before a retry; doubles each time, with jitter
 * @param clock             stamps rows the ports write without a time of their own (journal, movements)
 */
public record SqlOptions(Currency currency, int poolSize, Duration connectionTimeout, int maxAttempts,
                         Duration retryBackoff, Clock clock) {

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
                Duration.ofSeconds(30), 5, Duration.ofMillis(5), Clock.systemUTC());
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
