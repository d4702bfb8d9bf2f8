package dev.ordersystem.mysql;

import org.jooq.DSLContext;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The transaction the current thread is in, if any. Every adapter asks here first, so all ports
 * called by one use case write through the one connection of its transaction.
 */
final class TransactionBinding {
    private final ThreadLocal<DSLContext> current = new ThreadLocal<>();

    Optional<DSLContext> current() {
        return Optional.ofNullable(current.get());
    }

    boolean isBound() {
        return current.get() != null;
    }

    <T> T runBound(DSLContext transaction, Supplier<T> work) {
        current.set(transaction);
        try {
            return work.get();
        } finally {
            current.remove();
        }
    }
}
