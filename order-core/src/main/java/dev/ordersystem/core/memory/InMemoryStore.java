package dev.ordersystem.core.memory;

import dev.ordersystem.core.port.Transactions;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The tables of the in-memory store and its transactions. One store-wide lock is held for the
 * whole of a transaction, so transactions are serial and nobody reads uncommitted data; every
 * write registers how to undo it, and a transaction whose work throws is undone in reverse.
 * A port call outside a transaction is a transaction of its own (like auto-commit).
 * Nested calls join the outer transaction: only the outermost one commits or rolls back.
 */
final class InMemoryStore implements Transactions {
    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<Deque<Runnable>> undoLog = new ThreadLocal<>();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        boolean outermost = undoLog.get() == null;
        if (outermost) undoLog.set(new ArrayDeque<>());
        try {
            T result = work.get();
            if (outermost) undoLog.remove();
            return result;
        } catch (RuntimeException | Error failure) {
            if (outermost) rollBack();
            throw failure;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code apply} in the current (or its own) transaction and remembers {@code undo}. */
    void write(Runnable apply, Runnable undo) {
        inTransaction(() -> {
            apply.run();
            undoLog.get().push(undo);
            return null;
        });
    }

    /** {@code table.put(key, value)}, undone by restoring what was there. */
    <K, V> void put(Map<K, V> table, K key, V value) {
        V[] previous = box();
        write(() -> previous[0] = table.put(key, value), () -> {
            if (previous[0] == null) table.remove(key);
            else table.put(key, previous[0]);
        });
    }

    /** {@code table.remove(key)}, undone by putting it back. */
    <K, V> void remove(Map<K, V> table, K key) {
        V[] previous = box();
        write(() -> previous[0] = table.remove(key), () -> {
            if (previous[0] != null) table.put(key, previous[0]);
        });
    }

    /** Appends to a list, undone by taking the last element off again. */
    <V> void append(List<V> list, V value) {
        write(() -> list.add(value), () -> list.removeLast());
    }

    <T> T read(Supplier<T> query) {
        return inTransaction(query);
    }

    private void rollBack() {
        Deque<Runnable> undo = undoLog.get();
        undoLog.remove();
        while (!undo.isEmpty()) undo.pop().run();
    }

    @SuppressWarnings("unchecked")
    private static <V> V[] box() {
        return (V[]) new Object[1];
    }
}
