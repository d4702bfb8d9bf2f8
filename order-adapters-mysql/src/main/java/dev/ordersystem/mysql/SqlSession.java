package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.StoreContended;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;

import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What every adapter shares: the way to the database, the currency and the clock. Adapters never
 * open a transaction of their own next to the caller's: inside a use case's transaction they join
 * it; called outside one, a read runs in auto-commit and a write in its own short transaction
 * (so a port call that writes several rows is still all or nothing).
 */
final class SqlSession {
    private final DSLContext root;
    private final TransactionBinding binding;
    private final JooqTransactions transactions;
    private final Currency currency;
    private final Clock clock;

    SqlSession(DSLContext root, TransactionBinding binding, JooqTransactions transactions, Currency currency, Clock clock) {
        this.root = root;
        this.binding = binding;
        this.transactions = transactions;
        this.currency = currency;
        this.clock = clock;
    }

    <T> T read(Function<DSLContext, T> query) {
        boolean inTransaction = binding.isBound();
        try {
            return query.apply(binding.ready().orElse(root));
        } catch (DataAccessException failure) {
            // In a transaction the boundary runs the whole work again. Outside one nothing would:
            // a read that waited too long for a lock (a table held by DDL, or a Galera node's
            // causal-read wait while it catches up after a state transfer) is "try again", not a fault.
            if (!inTransaction && LockConflicts.isRetryable(failure)) {
                throw new StoreContended("the database did not answer a read in time: " + failure.getMessage(), failure);
            }
            throw SqlErrors.translate(failure);
        }
    }

    <T> T write(Function<DSLContext, T> change) {
        return transactions.inTransaction(() -> {
            try {
                return change.apply(binding.ready().orElseThrow());
            } catch (DataAccessException failure) {
                throw SqlErrors.translate(failure);
            }
        });
    }

    void run(Consumer<DSLContext> change) {
        write(db -> {
            change.accept(db);
            return null;
        });
    }

    /**
     * A write (an insert, say) that nothing reads back before the commit: in a transaction it is
     * held and sent with whatever the transaction sends next (see {@link HeldWrites}), outside one
     * it is written in a transaction of its own. A failure is {@code explanation}'s to name.
     */
    void hold(BoundSql write, HeldWrites.Explanation explanation) {
        transactions.inTransaction(() -> {
            binding.hold(write, explanation);
            return null;
        });
    }

    /**
     * Runs {@code statements} (each answering its affected rows) in the caller's transaction, or
     * one of their own, sent with what the transaction holds in one round trip; then {@code then}
     * reads their counts in the same transaction.
     */
    <T> T writeWithHeld(List<BoundSql> statements, BiFunction<DSLContext, int[], T> then) {
        return transactions.inTransaction(() -> {
            DSLContext db = binding.current().orElseThrow();
            try {
                return then.apply(db, binding.sendWithHeld(statements));
            } catch (DataAccessException failure) {
                throw SqlErrors.translate(failure);
            }
        });
    }

    /** Renders {@code template} once for this database; see {@link RenderedSql}. */
    RenderedSql render(Query template, List<String> bindNames) {
        return new RenderedSql(root, template, bindNames);
    }

    RenderedSql render(Query template, String... bindNames) {
        return render(template, List.of(bindNames));
    }

    /** The store's one currency (amounts in columns without a currency of their own are in it). */
    Currency currency() {
        return currency;
    }

    Money money(long minor) {
        return Money.of(minor, currency);
    }

    /** {@code minor} units of {@code currencyCode}, or of the store's currency when the column holds none (NULL). */
    Money money(long minor, String currencyCode) {
        return currencyCode == null ? money(minor) : Money.of(minor, Currency.getInstance(currencyCode.trim()));
    }

    /** The minor units of {@code amount}, refusing another currency than the store's. */
    long minor(Money amount) {
        if (!amount.currency().equals(currency)) {
            throw new IllegalArgumentException("this store keeps " + currency + ", not " + amount.currency());
        }
        return amount.minor();
    }

    Clock clock() {
        return clock;
    }
}
