package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.StoreContended;
import org.jooq.CloseableDSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retry policy of the transaction boundary: which failures run the work again, and what the caller hears at the end. */
class JooqTransactionsTest {
    private final CloseableDSLContext dsl = DSL.using("jdbc:h2:mem:tx" + UUID.randomUUID(), "sa", "");
    private final JooqTransactions transactions = new JooqTransactions(dsl, new TransactionBinding(false), 3, Duration.ofMillis(1));

    @AfterEach
    void close() {
        dsl.close();
    }

    @Test
    void conflictsThroughEveryAttemptAreAnsweredStoreContendedNotTheSqlError() {
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            runs.incrementAndGet();
            throw refused("Deadlock found when trying to get lock; try restarting transaction", "40001", 1213);
        })).isInstanceOf(StoreContended.class).hasCauseInstanceOf(DataAccessException.class);

        assertThat(runs).hasValue(3);
        assertThat(transactions.retries()).isEqualTo(new TransactionRetries(2, 0, 1));
    }

    @Test
    void aLockWaitTimeoutRunsTheWorkAgainAndIsCountedApart() {
        AtomicInteger runs = new AtomicInteger();

        String done = transactions.inTransaction(() -> {
            if (runs.incrementAndGet() == 1) throw refused("Lock wait timeout exceeded; try restarting transaction", "HY000", 1205);
            return "written";
        });

        assertThat(done).isEqualTo("written");
        assertThat(transactions.retries()).isEqualTo(new TransactionRetries(0, 1, 0));
    }

    @Test
    void otherFailuresReachTheCallerAtOnce() {
        AtomicInteger runs = new AtomicInteger();
        DataAccessException duplicate = refused("Duplicate entry", "23000", 1062);

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            runs.incrementAndGet();
            throw duplicate;
        })).isSameAs(duplicate);

        assertThat(runs).hasValue(1);
        assertThat(transactions.retries()).isEqualTo(new TransactionRetries(0, 0, 0));
    }

    private static DataAccessException refused(String message, String sqlState, int errorCode) {
        return new DataAccessException(message, new SQLException(message, sqlState, errorCode));
    }
}
