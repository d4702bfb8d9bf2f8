package dev.ordersystem.core.port;

import java.util.Objects;

/**
 * The ports served by Redis in production and in-process in the embedded default; {@code attempts}
 * is for the HTTP edge's login and registration limits.
 */
public record FastPath(IdempotencyGuard guard, DelayScheduler scheduler, ProductCache cache, StockGate gate,
                       TokenCache tokens, AttemptBudgets attempts) {
    public FastPath {
        Objects.requireNonNull(guard);
        Objects.requireNonNull(scheduler);
        Objects.requireNonNull(cache);
        Objects.requireNonNull(gate);
        Objects.requireNonNull(tokens);
        Objects.requireNonNull(attempts);
    }

    /** This fast path with another delay queue (a test's holding or counting one, for instance). */
    public FastPath withScheduler(DelayScheduler other) {
        return new FastPath(guard, other, cache, gate, tokens, attempts);
    }

    /** This fast path with another stock gate. */
    public FastPath withGate(StockGate other) {
        return new FastPath(guard, scheduler, cache, other, tokens, attempts);
    }
}
