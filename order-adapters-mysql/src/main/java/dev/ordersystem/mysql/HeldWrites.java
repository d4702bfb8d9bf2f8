package dev.ordersystem.mysql;

import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The writes of one transaction that nothing in it reads back before its commit (a placement's
 * orders, items and events; the publisher's numbering of events), held and sent together with
 * whatever the transaction sends next: its next statement, or before its commit. On MariaDB and
 * MySQL they go as one multi-statement ({@code INSERT …;INSERT …;UPDATE …}, the drivers'
 * {@code allowMultiQueries}): one round trip instead of one each, which is most of what a
 * placement group waits for. The server runs them in order and stops at the first that fails, as
 * the same statements sent one by one would have stopped. On H2 (in-process, no round trip to
 * save) they run one by one.
 *
 * <p>A failure among the held writes is explained by their own {@link Explanation}s, in order,
 * so a taken key still reads as the domain's refusal, only later: at the statement or commit
 * that sent it.
 */
final class HeldWrites {
    private static final String CLIENT_PREPARE = "/*client prepare*/";

    private final boolean together;
    private final List<Held> held = new ArrayList<>();

    /** {@code together}: the server takes several statements in one ({@code allowMultiQueries}). */
    HeldWrites(boolean together) {
        this.together = together;
    }

    void hold(BoundSql write, Explanation explanation) {
        held.add(new Held(write, explanation));
    }

    /** Runs what is held, in the order it was held; afterwards nothing is. */
    void send(DSLContext db) {
        if (held.isEmpty()) return; // every statement of a transaction asks: most find nothing held
        sendWith(db, List.of());
    }

    /**
     * Runs what is held, then {@code next} (statements that answer affected rows, such as the
     * stock updates of a placement), all in one round trip where the server allows; answers
     * {@code next}'s affected row counts. A failure of {@code next} is the caller's to read.
     */
    int[] sendWith(DSLContext db, List<BoundSql> next) {
        List<Held> sending = List.copyOf(held);
        held.clear(); // an explanation's own reads must not send them again
        List<BoundSql> statements = new ArrayList<>(sending.size() + next.size());
        sending.forEach(h -> statements.add(h.write()));
        statements.addAll(next);
        int[] counts;
        try {
            counts = together && statements.size() > 1 ? runTogether(db, statements) : runOneByOne(db, statements);
        } catch (DataAccessException failure) {
            throw explained(db, sending, failure);
        }
        int[] nextCounts = new int[next.size()];
        System.arraycopy(counts, sending.size(), nextCounts, 0, next.size());
        return nextCounts;
    }

    private static int[] runOneByOne(DSLContext db, List<BoundSql> statements) {
        int[] counts = new int[statements.size()];
        for (int i = 0; i < counts.length; i++) counts[i] = statements.get(i).execute(db);
        return counts;
    }

    private static int[] runTogether(DSLContext db, List<BoundSql> statements) {
        // The server cannot prepare several statements as one: without this prefix the MariaDB
        // driver (useServerPrepStmts) would ask it to, in a round trip of its own, be refused and
        // only then bind the values itself (CONJ-1083). To every other driver it is a comment.
        StringBuilder sql = new StringBuilder(CLIENT_PREPARE);
        for (int i = 0; i < statements.size(); i++) {
            if (i > 0) sql.append(';');
            sql.append(statements.get(i).sql().sql());
        }
        return db.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                int first = 1;
                for (BoundSql one : statements) {
                    one.sql().bind(statement, first, one.values());
                    first += one.values().length;
                }
                return counts(statement, statement.execute(), statements.size());
            } catch (SQLException e) {
                resynchronize(connection, e);
                throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
            }
        });
    }

    /** Every statement's answer is read (so the connection is ready for the next one): their affected row counts. */
    private static int[] counts(PreparedStatement statement, boolean rows, int expected) throws SQLException {
        int[] counts = new int[expected];
        int read = 0;
        for (int count = statement.getUpdateCount(); rows || count != -1; count = statement.getUpdateCount()) {
            if (rows || read == expected) throw new IllegalStateException("more answers than the " + expected + " statements sent");
            counts[read++] = count;
            rows = statement.getMoreResults();
        }
        if (read != expected) throw new IllegalStateException(read + " answers to " + expected + " statements sent");
        return counts;
    }

    /**
     * After a multi-statement fails part-way, the MariaDB driver (3.5, 4.0) still holds the
     * "more results" flag of the last statement that succeeded, and the next server-side
     * prepared statement on the connection waits for an answer that never comes. Any plain
     * statement's answer resets the flag; {@code DO 0} does nothing else.
     */
    private static void resynchronize(Connection connection, SQLException failure) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DO 0");
        } catch (SQLException alsoFailed) {
            failure.addSuppressed(alsoFailed); // the connection is broken: the pool will find out
        }
    }

    private static RuntimeException explained(DSLContext db, List<Held> sent, DataAccessException failure) {
        for (Held one : sent) {
            Optional<RuntimeException> explained = one.explanation().explain(db, failure);
            if (explained.isPresent()) return explained.get();
        }
        return SqlErrors.translate(failure);
    }

    /** What a failed write means to its port (a taken key, say), if it is that write's failure. */
    @FunctionalInterface
    interface Explanation {
        Explanation NONE = (db, failure) -> Optional.empty();

        Optional<RuntimeException> explain(DSLContext db, DataAccessException failure);
    }

    private record Held(BoundSql write, Explanation explanation) {
    }
}
