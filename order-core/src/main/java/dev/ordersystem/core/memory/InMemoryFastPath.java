package dev.ordersystem.core.memory;

import dev.ordersystem.core.port.FastPath;

import java.time.Clock;

/** The fast path of the embedded default: guard, delay queue, caches and stock gate inside this process. */
public final class InMemoryFastPath {
    private InMemoryFastPath() {
    }

    /** In-process guard, delay queue, product and token caches (default times) stock gate, all reading {@code clock}; attempt budgets per instance. */
    public static FastPath create(Clock clock) {
        return new FastPath(new InMemoryIdempotencyGuard(clock), new InMemoryDelayScheduler(), InMemoryProductCache.create(clock),
                new InMemoryStockGate(clock), new InMemoryTokenCache(clock), new InMemoryAttemptBudgets());
    }
}
