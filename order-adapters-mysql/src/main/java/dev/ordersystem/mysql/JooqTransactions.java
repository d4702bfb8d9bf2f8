package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.StoreContended;
import dev.ordersystem.core.port.Transactions;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The use case's transaction boundary on jOOQ. The outermost call opens the transaction, binds it
 * to the thread for every adapter to join, commits or rolls back; nested calls join it. A
 * deadlock or lock-wait timeout (during the work or on commit; on a Galera cluster also a
 * certification failure at commit) rolls back and runs the whole work again, up to
 * {@code maxAttempts} times, after a jittered pause that doubles each time; after the last
 * attempt the caller hears {@link StoreContended} (50300, try again), never the SQL error.
 */
final class JooqTransactions implements Transactions {
    private static final Logger log = LoggerFactory.getLogger(JooqTransactions.class);
    private static final long MAX_PAUSE_MILLIS = 250;

    private final DSLContext root;
    private final TransactionBinding binding;
    private final int maxAttempts;
    private final Duration backoff;
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder lockWaits = new LongAdder();
    private final LongAdder givenUp = new LongAdder();

    JooqTransactions(DSLContext root, TransactionBinding binding, int maxAttempts, Duration backoff) {
        this.root = root;
        this.binding = binding;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (binding.isBound()) return work.get();
        for (int attempt = 1; ; attempt++) {
            try {
                return root.transactionResult(tx -> binding.runBound(tx.dsl(), work));
            } catch (RuntimeException failure) {
                Optional<LockConflicts.Conflict> conflict = LockConflicts.conflict(failure);
                if (conflict.isEmpty()) throw failure;
                if (attempt >= maxAttempts) {
                    givenUp.increment();
                    log.warn("transaction refused by conflicting writes {} times in a row; answered 50300: {}", attempt, failure.getMessage());
                    throw new StoreContended("the database refused the transaction " + attempt + " times for conflicting writes", failure);
                }
                (conflict.get() == LockConflicts.Conflict.LOCK_WAIT ? lockWaits : conflicts).increment();
                log.debug("transaction attempt {} hit a lock conflict, running it again: {}", attempt, failure.getMessage());
                pause(attempt);
            }
        }
    }

    /** Retries and give-ups since start, for metrics. */
    TransactionRetries retries() {
        return new TransactionRetries(conflicts.sum(), lockWaits.sum(), givenUp.sum());
    }

    private void pause(int attempt) {
        long ceiling = Math.min(MAX_PAUSE_MILLIS, backoff.toMillis() << Math.min(attempt - 1, 10));
        long millis = ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a transaction", e);
        }
    }
}
