package dev.ordersystem.core.port;

import java.util.function.Supplier;

/**
 * The transaction boundary, owned by the use case. Every persistence port called inside
 * {@code work} joins this one transaction; none opens its own. All or nothing: when
 * {@code work} throws, nothing it wrote through any port remains.
 *
 * <p>Implementations retry {@code work} a bounded number of times on deadlocks and lock-wait
 * timeouts, so {@code work} must have no effects outside the ports (no Redis, no HTTP).
 * Calls nest: an inner {@code inTransaction} joins the outer one.
 */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
