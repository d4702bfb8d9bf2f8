package dev.ordersystem.core.port;

import java.util.Objects;

/** The ports served by Redis in production and in-process in the embedded default. */
public record FastPath(IdempotencyGuard guard, DelayScheduler scheduler, ProductCache cache, StockGate gate,
                       TokenCache tokens) {
    public FastPath {
        Objects.requireNonNull(guard);
        Objects.requireNonNull(scheduler);
        Objects.requireNonNull(cache);
        Objects.requireNonNull(gate);
        Objects.requireNonNull(tokens);
    }
}
