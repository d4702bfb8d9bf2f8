package dev.ordersystem.core.memory;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SingleFlightTest {
    private static final long WAIT_SECONDS = 30;

    private final SingleFlight<String, String> flights = new SingleFlight<>();
    private final CountDownLatch loading = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<CompletableFuture<String>, Thread> threads = new ConcurrentHashMap<>();

    @Test
    void aCallerOfARunningLoadGetsItsAnswerAndRunsNoLoadOfItsOwn() throws Exception {
        AtomicBoolean secondLoaded = new AtomicBoolean();
        CompletableFuture<String> first = caller(() -> flights.load("tea", flight -> held("green")));
        assertThat(loading.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> second = caller(() -> flights.load("tea", flight -> {
            secondLoaded.set(true);
            return "other";
        }));
        waitUntilParked(second);
        release.countDown();

        assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("green");
        assertThat(second.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("green");
        assertThat(secondLoaded).isFalse();
    }

    @Test
    void aFailedLoadFailsItsWaitersWithItsExceptionAndIsNotKept() throws Exception {
        CompletableFuture<String> first = caller(() -> flights.load("tea", flight -> held(null)));
        assertThat(loading.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> second = caller(() -> flights.load("tea", flight -> "other"));
        waitUntilParked(second);
        release.countDown();

        assertThatThrownBy(() -> first.get(WAIT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> second.get(WAIT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("the load failed");
        assertThat(flights.load("tea", flight -> "after")).isEqualTo("after");
    }

    @Test
    void afterForgetTheRunningLoadIsNoLongerCurrentAndTheNextCallerLoadsAgain() {
        AtomicBoolean currentBefore = new AtomicBoolean();
        AtomicBoolean currentAfter = new AtomicBoolean(true);
        String answer = flights.load("tea", flight -> {
            currentBefore.set(flight.current());
            flights.forget("tea");
            currentAfter.set(flight.current());
            return flights.load("tea", next -> "reloaded") + " while the first load ran";
        });

        assertThat(currentBefore).isTrue();
        assertThat(currentAfter).isFalse();
        assertThat(answer).isEqualTo("reloaded while the first load ran");
    }

    /** A load that says it has started, then waits to be let go; {@code null} makes it fail. */
    private String held(String answer) {
        loading.countDown();
        try {
            if (!release.await(WAIT_SECONDS, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (answer == null) throw new IllegalArgumentException("the load failed");
        return answer;
    }

    private CompletableFuture<String> caller(Supplier<String> call) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(call.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "single-flight-caller");
        threads.put(result, thread);
        thread.start();
        return result;
    }

    /** Until the caller's thread parks waiting for the running load: it has nothing else to wait for. */
    private void waitUntilParked(CompletableFuture<String> caller) throws InterruptedException {
        Thread thread = threads.get(caller);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) Thread.sleep(1);
        assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
    }
}
