package dev.ordersystem.core.contract;

import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.port.Transactions;

import java.util.function.Supplier;

/**
 * Counts the transactions a use case holds on the current thread, so that a provider double can
 * note a call made inside one (DESIGN §13 allows none).
 */
final class TransactionDepth {
    private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);

    /** Whether the current thread is inside a transaction of a storage made by {@link #watching}. */
    boolean inside() {
        return depth.get() > 0;
    }

    /** {@code storage} whose transactions are counted. */
    Storage watching(Storage storage) {
        Transactions real = storage.transactions();
        return storage.withTransactions(new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                depth.set(depth.get() + 1);
                try {
                    return real.inTransaction(work);
                } finally {
                    depth.set(depth.get() - 1);
                }
            }
        });
    }
}
