package dev.ordersystem.faults;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check after each run that every balance change acknowledged to a client is in
 * {@code balance_journal} (DESIGN §12: after the database's SIGKILL too), against the real MariaDB
 * (ORDER_TEST_JDBC_URL/USER/PASSWORD, else root at 127.0.0.1:3306, as bin/faults). The tables are
 * the app's, reduced to the columns the check reads.
 */
class LedgerHeldToDatabaseIT {
    private final Database db = new Database(
            env("ORDER_TEST_JDBC_URL", "jdbc:mariadb://127.0.0.1:3306/?sslMode=disable"), env("ORDER_TEST_JDBC_USER", "root"),
            System.getenv().getOrDefault("ORDER_TEST_JDBC_PASSWORD", ""), "order_fault_ledger_" + Integer.toHexString(ThreadLocalRandom.current().nextInt()));
    private final Ledger ledger = new Ledger();

    @BeforeEach
    void create() throws SQLException {
        db.create();
        sql("CREATE TABLE orders (order_no VARCHAR(32) NOT NULL, status VARCHAR(24) NOT NULL, PRIMARY KEY (order_no))",
                "CREATE TABLE payment_record (channel VARCHAR(16) NOT NULL, trade_no VARCHAR(64) NOT NULL, order_no VARCHAR(32) NOT NULL,"
                        + " status VARCHAR(24) NOT NULL, PRIMARY KEY (channel, trade_no))",
                "CREATE TABLE balance_journal (id BIGINT NOT NULL AUTO_INCREMENT, user_id BIGINT NOT NULL, delta BIGINT NOT NULL,"
                        + " reason VARCHAR(16) NOT NULL, reference VARCHAR(200) NOT NULL, PRIMARY KEY (id))",
                "INSERT INTO orders VALUES ('O1', 'PAID')",
                "INSERT INTO balance_journal (user_id, delta, reason, reference) VALUES"
                        + " (7, 500, 'TOP_UP', 'topup:3f2a6c1e-0000-4000-8000-000000000001:fault top-up r-1'),"
                        + " (7, -1200, 'ORDER_PAYMENT', 'O1')");
        ledger.saw("O1", "PAID");
    }

    @AfterEach
    void drop() throws SQLException {
        db.drop();
    }

    @Test
    void everyAcknowledgedBalanceChangeJournalledIsNoProblem() throws SQLException {
        ledger.balanceChanged(Ledger.BalanceChange.topUp(7, 500, "fault top-up r-1"));
        ledger.balanceChanged(Ledger.BalanceChange.orderPayment(7, "O1", 1200));
        ledger.balanceChanged(Ledger.BalanceChange.orderPayment(7, "O1", 1200)); // read again: one change
        assertThat(db.holdTo(ledger)).isEmpty();
        assertThat(ledger.balanceChanges()).hasSize(2);
    }

    @Test
    void aLostTopUpOrPaymentIsAProblem() throws SQLException {
        ledger.balanceChanged(Ledger.BalanceChange.topUp(7, 500, "fault top-up r-2"));
        ledger.balanceChanged(Ledger.BalanceChange.orderPayment(7, "O2", 300));
        assertThat(db.holdTo(ledger)).hasSize(2)
                .anyMatch(p -> p.contains("fault top-up r-2") && p.contains("not in the journal"))
                .anyMatch(p -> p.contains("reference=O2") && p.contains("not in the journal"));
    }

    @Test
    void aChangeJournalledForAnotherUserOrAmountIsAProblem() throws SQLException {
        ledger.balanceChanged(Ledger.BalanceChange.topUp(8, 500, "fault top-up r-1"));
        ledger.balanceChanged(Ledger.BalanceChange.orderPayment(7, "O1", 1000));
        assertThat(db.holdTo(ledger)).hasSize(2).allMatch(p -> p.contains("is journalled as"));
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) s.execute(statement);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
