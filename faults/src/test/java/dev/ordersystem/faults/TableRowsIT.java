package dev.ordersystem.faults;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The row-by-row comparison the security pass relies on for "nothing was written", against the
 * real MariaDB (ORDER_TEST_JDBC_URL/USER/PASSWORD, else root at 127.0.0.1:3306, as bin/faults).
 */
class TableRowsIT {
    private final Database db = new Database(
            env("ORDER_TEST_JDBC_URL", "jdbc:mariadb://127.0.0.1:3306/?sslMode=disable"), env("ORDER_TEST_JDBC_USER", "root"),
            System.getenv().getOrDefault("ORDER_TEST_JDBC_PASSWORD", ""), "order_fault_rows_" + Integer.toHexString(ThreadLocalRandom.current().nextInt()));

    @BeforeEach
    void create() throws SQLException {
        db.create();
        sql("CREATE TABLE note (id BIGINT NOT NULL, body VARCHAR(64) NULL, PRIMARY KEY (id))",
                "CREATE TABLE line (order_no VARCHAR(8) NOT NULL, line_no INT NOT NULL, qty INT NOT NULL, PRIMARY KEY (order_no, line_no))",
                "INSERT INTO note VALUES (1, 'a\\0b'), (2, NULL), (3, 'plain')",
                "INSERT INTO line VALUES ('A', 1, 1), ('A', 2, 2), ('B', 1, 1)");
    }

    @AfterEach
    void drop() throws SQLException {
        db.drop();
    }

    @Test
    void nothingWrittenIsNoChange() throws SQLException {
        TableRows before = TableRows.of(db);
        assertThat(TableRows.of(db).since(before)).isEmpty();
    }

    @Test
    void eachAddedRemovedAndChangedRowIsCountedInItsTable() throws SQLException {
        TableRows before = TableRows.of(db);
        sql("UPDATE note SET body = 'a\\0c' WHERE id = 1", // differs only after the NUL
                "UPDATE note SET body = '' WHERE id = 2",    // NULL to empty is a change
                "INSERT INTO note VALUES (4, 'new')",
                "DELETE FROM line WHERE order_no = 'A' AND line_no = 2",
                "UPDATE line SET qty = 5 WHERE order_no = 'B' AND line_no = 1",
                "INSERT INTO line VALUES ('A', 3, 1)");
        assertThat(TableRows.of(db).since(before)).isEqualTo(Map.of(
                "note", new TableRows.Change(1, 0, 2),
                "line", new TableRows.Change(1, 1, 1)));
    }

    @Test
    void aRewriteWithTheSameValuesIsNoChange() throws SQLException {
        TableRows before = TableRows.of(db);
        sql("UPDATE note SET body = 'plain' WHERE id = 3", "DELETE FROM line WHERE order_no = 'B'", "INSERT INTO line VALUES ('B', 1, 1)");
        assertThat(TableRows.of(db).since(before)).isEmpty();
    }

    /**
     * The refund job settling a refund (state, tries, next try, the provider's word, end) is not a write
     * of a request; a refund recorded, or an existing refund's amount changed, still is.
     */
    @Test
    void aRefundSettlingIsNotWrittenButARefundRecordedOrItsAmountChangedIs() throws SQLException {
        sql("CREATE TABLE refund (id BIGINT NOT NULL, out_refund_no VARCHAR(40) NOT NULL, amount BIGINT NOT NULL, state VARCHAR(16) NOT NULL,"
                        + " failure VARCHAR(512) NULL, provider_state VARCHAR(64) NULL, tries INT NOT NULL, next_try_at DATETIME(6) NOT NULL,"
                        + " ended_at DATETIME(6) NULL, PRIMARY KEY (id))",
                "INSERT INTO refund VALUES (1, 'A_r1', 100, 'PENDING', NULL, NULL, 0, '2026-12-07 10:00:00', NULL),"
                        + " (2, 'B_r1', 200, 'PENDING', NULL, NULL, 1, '2026-12-07 10:00:00', NULL)");
        TableRows before = TableRows.of(db);
        sql("UPDATE refund SET state = 'SUCCEEDED', provider_state = 'SUCCESS', tries = 1, next_try_at = '2026-12-07 10:00:10',"
                + " ended_at = '2026-12-07 10:00:10' WHERE id = 1", "UPDATE refund SET state = 'FAILED', failure = 'NOT_ENOUGH: no' WHERE id = 2");
        assertThat(TableRows.of(db).writtenSince(before)).isEmpty();
        assertThat(TableRows.of(db).since(before)).isEqualTo(Map.of("refund", new TableRows.Change(0, 0, 2)));

        sql("UPDATE refund SET amount = 150 WHERE id = 1", "INSERT INTO refund VALUES (3, 'A_r2', 1, 'PENDING', NULL, NULL, 0, '2026-12-07 10:00:00', NULL)");
        assertThat(TableRows.of(db).writtenSince(before)).isEqualTo(Map.of("refund", new TableRows.Change(1, 0, 1)));
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
