package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.StoreContended;
import org.jooq.CloseableDSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a read's caller hears when the database made it wait too long for a lock (1205). */
class SqlSessionReadTest {
    private final CloseableDSLContext dsl = DSL.using("jdbc:h2:mem:read" + UUID.randomUUID(), "sa", "");
    private final TransactionBinding binding = new TransactionBinding(false);
    private final JooqTransactions transactions = new JooqTransactions(dsl, binding, 3, Duration.ofMillis(1));
    private final SqlSession session = new SqlSession(dsl, binding, transactions, Currency.getInstance("CNY"), Clock.systemUTC());

    @AfterEach
    void close() {
        dsl.close();
    }

    @Test
    void aLockWaitOutsideATransactionIsAnsweredStoreContendedNotTheSqlError() {
        DataAccessException timedOut = lockWaitTimeout();

        assertThatThrownBy(() -> session.read(db -> {
            throw timedOut;
        })).isInstanceOf(StoreContended.class).hasCause(timedOut);
    }

    @Test
    void aLockWaitInsideATransactionRunsTheTransactionAgain() {
        AtomicInteger reads = new AtomicInteger();

        String read = transactions.inTransaction(() -> session.read(db -> {
            if (reads.incrementAndGet() == 1) throw lockWaitTimeout();
            return "read";
        }));

        assertThat(read).isEqualTo("read");
        assertThat(transactions.retries()).isEqualTo(new TransactionRetries(0, 1, 0));
    }

    @Test
    void otherFailuresOfAReadReachTheCallerAsTheyAre() {
        DataAccessException missing = new DataAccessException("Table 'shop.nothing' doesn't exist",
                new SQLException("Table 'shop.nothing' doesn't exist", "42S02", 1146));

        assertThatThrownBy(() -> session.read(db -> {
            throw missing;
        })).isSameAs(missing);
    }

    private static DataAccessException lockWaitTimeout() {
        String message = "Lock wait timeout exceeded; try restarting transaction";
        return new DataAccessException(message, new SQLException(message, "HY000", 1205));
    }
}
