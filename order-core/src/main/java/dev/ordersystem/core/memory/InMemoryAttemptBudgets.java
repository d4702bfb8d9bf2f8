package dev.ordersystem.core.memory;

import dev.ordersystem.core.port.AttemptBudgets;
import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.core.port.AttemptVerdict;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * {@link AttemptBudgets} in this process, per instance. Each budget is one number, its
 * "theoretical arrival time" (the generic cell rate algorithm, equivalent to a token bucket): an
 * attempt moves it {@code refillEvery} into the future, and is refused when that would put it
 * more than {@code window} ahead of now. Bounded: past {@link #MAX_KEYS} keys, the budgets that
 * are full again (their time has passed) are dropped, since they hold nothing worth keeping.
 */
public final class InMemoryAttemptBudgets implements AttemptBudgets {
    static final int MAX_KEYS = 100_000;

    private final LongSupplier nanoTime;
    /** limit name + key → the theoretical arrival time, in {@code nanoTime} units. */
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();

    public InMemoryAttemptBudgets() {
        this(System::nanoTime);
    }

    /** With a time source in nanoseconds, like {@link System#nanoTime()}, for tests. */
    public InMemoryAttemptBudgets(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public AttemptVerdict spend(AttemptLimit limit, String key) {
        if (arrivals.size() > MAX_KEYS) prune();
        long interval = limit.refillEvery().toNanos();
        long window = limit.window().toNanos();
        long[] refusedFor = {0};
        arrivals.compute(limit.name() + ":" + key, (k, stored) -> {
            long now = nanoTime.getAsLong();
            long base = stored == null || stored - now < 0 ? now : stored;
            long next = base + interval;
            if (next - now <= window) return next;
            refusedFor[0] = next - window - now;
            return stored;
        });
        return refusedFor[0] == 0 ? AttemptVerdict.granted() : new AttemptVerdict.Refused(Duration.ofNanos(refusedFor[0]));
    }

    private void prune() {
        long now = nanoTime.getAsLong();
        arrivals.values().removeIf(arrival -> arrival - now <= 0);
    }

    /** How many keys are held (for the bound's test). */
    int size() {
        return arrivals.size();
    }
}
