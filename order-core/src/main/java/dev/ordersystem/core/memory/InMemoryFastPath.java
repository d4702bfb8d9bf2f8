package dev.ordersystem.core.memory;

import dev.ordersystem.core.port.FastPath;

import java.time.Clock;

/** The fast path of the embedded default: guard, delay queue and cache inside this process. */
public final class InMemoryFastPath {
    private InMemoryFastPath() {
    }

    /** In-process guard, delay queue and product cache (default times), all reading {@code clock}. */
    public static FastPath create(Clock clock) {
        return new FastPath(new InMemoryIdempotencyGuard(clock), new InMemoryDelayScheduler(), InMemoryProductCache.create(clock));
    }
}
