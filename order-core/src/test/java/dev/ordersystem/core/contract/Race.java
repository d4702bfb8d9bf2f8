package dev.ordersystem.core.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts many tasks at the same instant and collects what each returned or threw. A task that
 * does not finish within the time limit fails the test (a deadlock must not hang the build).
 */
public final class Race {
    private Race() {
    }

    /** What one task ended with: a value or an exception. */
    public record Result<T>(T value, Throwable error) {
        public boolean succeeded() {
            return error == null;
        }
    }

    public static <T> List<Result<T>> run(int threads, List<Callable<T>> tasks, Duration limit) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            long deadline = System.nanoTime() + limit.toNanos();
            List<Result<T>> results = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    results.add(new Result<>(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS), null));
                } catch (ExecutionException e) {
                    results.add(new Result<>(null, e.getCause()));
                } catch (TimeoutException e) {
                    throw new AssertionError("tasks did not finish within " + limit + " (deadlock or hang)", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
