package dev.ordersystem.core.memory;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * One load per key at a time in this process: a caller that finds a load of its key running waits
 * for that load's result, or its failure thrown as if the caller had run it, instead of loading
 * again. Used by the product caches, so that concurrent misses on one product read the database once.
 *
 * @param <K> what is loaded
 * @param <V> what a load answers
 */
public final class SingleFlight<K, V> {
    private final Map<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();

    /** A running load, which asks whether a {@link #forget} has passed it by (then it must not store what it read). */
    @FunctionalInterface
    public interface Flight {
        boolean current();
    }

    /** {@code load}'s answer for {@code key}, run by this caller unless another caller's load of {@code key} is running. */
    public V load(K key, Function<Flight, V> load) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> other = running.putIfAbsent(key, mine);
        if (other != null) return await(other);
        try {
            V value = load.apply(() -> running.get(key) == mine);
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    /**
     * Lets the next caller of {@code key} start a load of its own: the running one (if any) still
     * answers its waiters, but is no longer {@link Flight#current()}.
     */
    public void forget(K key) {
        running.remove(key);
    }

    private static <V> V await(CompletableFuture<V> load) {
        try {
            return load.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a load", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) throw runtime;
            if (cause instanceof Error error) throw error;
            throw new CompletionException(cause);
        }
    }
}
