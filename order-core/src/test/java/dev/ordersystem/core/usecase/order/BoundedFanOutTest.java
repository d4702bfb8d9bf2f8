package dev.ordersystem.core.usecase.order;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedFanOutTest {
    private static final long WAIT_SECONDS = 20;

    @Test
    void runsEveryItemWithNeverMoreThanTheWidthAtOnceAndReturnsWhenAllHaveEnded() {
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        AtomicInteger open = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch widthReached = new CountDownLatch(3);

        new BoundedFanOut("test-call", 3).forEach(items, item -> {
            most.accumulateAndGet(open.incrementAndGet(), Math::max);
            try {
                widthReached.countDown();
                // The first three wait for each other: proof that three run at once, whatever the machine's speed.
                await(widthReached);
                done.add(item);
            } finally {
                open.decrementAndGet();
            }
        });

        assertThat(done).hasSize(200);
        assertThat(most.get()).isEqualTo(3);
        assertThat(open.get()).isZero();
    }

    @Test
    void aFailureOfOneItemLetsTheOthersRunAndIsRethrownAfterwards() {
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        BoundedFanOut fanOut = new BoundedFanOut("test-call", 4);

        assertThatThrownBy(() -> fanOut.forEach(IntStream.range(0, 50).boxed().toList(), item -> {
            if (item == 7) throw new IllegalStateException("item 7 failed");
            done.add(item);
        })).isInstanceOf(IllegalStateException.class).hasMessage("item 7 failed");
        assertThat(done).hasSize(49);
    }

    @Test
    void widthOneRunsTheItemsInOrderOnTheCallersThread() {
        Thread caller = Thread.currentThread();
        List<Integer> seen = new java.util.ArrayList<>();

        new BoundedFanOut("test-call", 1).forEach(List.of(1, 2, 3), item -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            seen.add(item);
        });

        assertThat(seen).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> new BoundedFanOut("test-call", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("three items at once").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
