package dev.ordersystem.mysql;

import org.jooq.DSLContext;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The transaction the current thread is in, if any. Every adapter asks here first, so all ports
 * called by one use case write through the one connection of its transaction. The transaction
 * also holds its {@link HeldWrites}: sent before its next statement and before its commit.
 */
final class TransactionBinding {
    private final ThreadLocal<Bound> current = new ThreadLocal<>();
    private final boolean multiStatements;

    /** {@code multiStatements}: whether held writes may go to the server as one multi-statement. */
    TransactionBinding(boolean multiStatements) {
        this.multiStatements = multiStatements;
    }

    Optional<DSLContext> current() {
        Bound bound = current.get();
        return bound == null ? Optional.empty() : Optional.of(bound.db());
    }

    boolean isBound() {
        return current.get() != null;
    }

    /**
     * The connection of the thread's transaction, ready for a statement: what the transaction
     * holds is sent first, so the statement sees it (and its failure surfaces here, not later).
     */
    Optional<DSLContext> ready() {
        Bound bound = current.get();
        if (bound == null) return Optional.empty();
        bound.held().send(bound.db());
        return Optional.of(bound.db());
    }

    /**
     * Runs {@code statements} in the thread's transaction, after what it holds and in the same
     * round trip (see {@link HeldWrites#sendWith}); answers their affected row counts. Needs one.
     */
    int[] sendWithHeld(List<BoundSql> statements) {
        Bound bound = current.get();
        if (bound == null) throw new IllegalStateException("held writes are sent only inside a transaction");
        return bound.held().sendWith(bound.db(), statements);
    }

    /** Holds {@code write} in the thread's transaction; see {@link HeldWrites}. Needs one. */
    void hold(BoundSql write, HeldWrites.Explanation explanation) {
        Bound bound = current.get();
        if (bound == null) throw new IllegalStateException("writes are held only inside a transaction");
        bound.held().hold(write, explanation);
    }

    /** Runs {@code work} bound to {@code transaction}, then sends what it held, so the commit that follows writes all of it. */
    <T> T runBound(DSLContext transaction, Supplier<T> work) {
        Bound bound = new Bound(transaction, new HeldWrites(multiStatements));
        current.set(bound);
        try {
            T result = work.get();
            bound.held().send(transaction);
            return result;
        } finally {
            current.remove();
        }
    }

    private record Bound(DSLContext db, HeldWrites held) {
    }
}
