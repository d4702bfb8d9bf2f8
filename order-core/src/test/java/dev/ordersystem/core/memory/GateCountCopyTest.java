package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.AbstractStockGateTest;
import dev.ordersystem.core.contract.MutableClock;
import dev.ordersystem.core.port.StockGate;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-instance copy of the gate's counts: the whole gate contract through it, plus how old
 * a count it answers may be and when it is read again. {@code shared} plays the Redis gate; changes made on it directly are
 * another instance's.
 */
class GateCountCopyTest extends AbstractStockGateTest {
    private static final Duration REFRESH_AFTER = Duration.ofMillis(500);
    private static final Duration MAX_AGE = Duration.ofSeconds(1);
    private static final Duration LEASE = Duration.ofMinutes(1);

    private final MutableClock clock = new MutableClock(Instant.parse("2031-01-01T00:00:00Z"));
    private final AtomicInteger sharedReads = new AtomicInteger();
    /** Run inside the next read of the shared gate's counts (a change racing the read). */
    private final AtomicReference<Runnable> duringRead = new AtomicReference<>();
    /** Cleared: background reads are never run (a Redis too slow to answer before the maximum age). */
    private final AtomicBoolean backgroundReads = new AtomicBoolean(true);
    private StockGate shared;

    @Override
    protected StockGate newGate() {
        shared = new InMemoryStockGate(clock);
        // Background reads run at once on the caller's thread, after it has its answer: deterministic.
        return new GateCountCopy(watched(shared), clock, REFRESH_AFTER, MAX_AGE, task -> {
            if (backgroundReads.get()) task.run();
        });
    }

    @Override
    protected void passTime(Duration duration) {
        clock.advance(duration);
    }

    @Override
    protected Duration shortTime() {
        return Duration.ofSeconds(5);
    }

    @Test
    void anotherInstancesChangeIsReadInTheBackgroundOnceTheCopyIsRefreshAfterOld() {
        recountTo(product, 10);
        assertThat(gate.count(product)).hasValue(10);
        int reads = sharedReads.get();

        shared.restock(units(product, 5)); // through another instance
        clock.advance(REFRESH_AFTER.minusMillis(1));
        assertThat(gate.count(product)).as("the copy, not yet old").hasValue(10);
        assertThat(gate.counts(List.of(product))).containsEntry(product, 10L);
        assertThat(sharedReads.get()).as("no round trip while the copy is fresh").isEqualTo(reads);

        clock.advance(Duration.ofMillis(1));
        assertThat(gate.count(product)).as("the ageing copy is answered, and read again behind it").hasValue(10);
        assertThat(sharedReads.get()).isEqualTo(reads + 1);
        assertThat(gate.count(product)).as("the fresh copy").hasValue(15);
        assertThat(sharedReads.get()).isEqualTo(reads + 1);
    }

    @Test
    void aCopyIsNeverAnsweredAtItsMaximumAgeEvenWhenTheBackgroundReadDoesNotCome() {
        recountTo(product, 10);
        assertThat(gate.count(product)).hasValue(10);
        backgroundReads.set(false);
        shared.restock(units(product, 5));

        clock.advance(MAX_AGE.minusMillis(1));
        assertThat(gate.count(product)).as("still within the maximum age").hasValue(10);
        clock.advance(Duration.ofMillis(1));
        assertThat(gate.count(product)).as("read by the caller itself").hasValue(15);
    }

    @Test
    void aChangeThroughThisInstanceIsAnsweredAtOnce() {
        recountTo(product, 10);
        assertThat(gate.count(product)).hasValue(10);

        gate.admit(nextOrder(), units(product, 3), LEASE);
        assertThat(gate.count(product)).as("after an admission").hasValue(7);
        gate.restock(units(product, 1));
        assertThat(gate.count(product)).as("after a restock").hasValue(8);
    }

    @Test
    void anUncountedProductIsCopiedAsUncountedUntilItIsCounted() {
        assertThat(gate.count(product)).isEmpty();
        shared.finishRecount(shared.beginRecount(product, LEASE).orElseThrow(), 4); // counted by another instance
        assertThat(gate.count(product)).as("still the copy").isEmpty();

        clock.advance(MAX_AGE);
        assertThat(gate.count(product)).hasValue(4);
        assertThat(gate.counts(List.of(product))).containsEntry(product, 4L);
    }

    @Test
    void aReadThatOverlapsAChangeThroughThisInstanceKeepsNothing() {
        recountTo(product, 10);
        duringRead.set(() -> gate.restock(units(product, 2)));

        assertThat(gate.count(product)).as("read before the restock landed").hasValue(10);
        assertThat(gate.count(product)).as("not kept: read again").hasValue(12);
    }

    /** {@code gate}, counting its {@code counts} calls and running {@link #duringRead} inside the next one. */
    private StockGate watched(StockGate gate) {
        return (StockGate) Proxy.newProxyInstance(StockGate.class.getClassLoader(), new Class<?>[]{StockGate.class},
                (proxy, method, args) -> {
                    try {
                        Object answer = method.invoke(gate, args);
                        if (method.getName().equals("counts")) {
                            sharedReads.incrementAndGet();
                            Runnable change = duringRead.getAndSet(null);
                            if (change != null) change.run();
                        }
                        return answer;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
