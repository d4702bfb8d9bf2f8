package dev.ordersystem.mysql;

import dev.ordersystem.core.port.Transactions;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The use case's transaction boundary on jOOQ. The outermost call opens the transaction, binds it
 * to the thread for every adapter to join, commits or rolls back; nested calls join it. A
 * deadlock or lock-wait timeout (during the work or on commit) rolls back and runs the whole
 * work again, up to {@code maxAttempts} times, after a short jittered pause.
 */
final class JooqTransactions implements Transactions {
    private static final Logger log = LoggerFactory.getLogger(JooqTransactions.class);
    private static final long MAX_PAUSE_MILLIS = 250;

    private final DSLContext root;
    private final TransactionBinding binding;
    private final int maxAttempts;
    private final Duration backoff;

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
                if (attempt >= maxAttempts || !LockConflicts.isRetryable(failure)) throw failure;
                log.debug("transaction attempt {} hit a lock conflict, running it again: {}", attempt, failure.getMessage());
                pause(attempt);
            }
        }
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
