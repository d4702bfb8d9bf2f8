package dev.ordersystem.mysql;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Tells deadlocks and lock-wait timeouts (worth running the transaction again) from other failures.
 * MySQL/MariaDB: SQLSTATE 40001 with error 1213 (deadlock) or 1205 (lock wait timeout; also
 * NOWAIT). H2: 40001 (deadlock) and HYT00 / 50200 (lock timeout). A Galera node answers a
 * certification failure (another node committed a conflicting write first) with the same 1213.
 */
final class LockConflicts {
    private static final int DEADLOCK = 1213;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int H2_LOCK_TIMEOUT = 50200;

    /** What kind of conflict refused a transaction. */
    enum Conflict { DEADLOCK, LOCK_WAIT }

    private LockConflicts() {
    }

    static boolean isRetryable(Throwable failure) {
        return conflict(failure).isPresent();
    }

    /** The conflict that refused {@code failure}'s transaction, or empty for any other failure. */
    static Optional<Conflict> conflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                Optional<Conflict> conflict = conflict(sql);
                if (conflict.isPresent()) return conflict;
            }
            if (t.getCause() == t) break;
        }
        return Optional.empty();
    }

    private static Optional<Conflict> conflict(SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
            if (e.getErrorCode() == LOCK_WAIT_TIMEOUT || "HYT00".equals(e.getSQLState()) || e.getErrorCode() == H2_LOCK_TIMEOUT) {
                return Optional.of(Conflict.LOCK_WAIT);
            }
            if (e.getErrorCode() == DEADLOCK || "40001".equals(e.getSQLState())) return Optional.of(Conflict.DEADLOCK);
        }
        return Optional.empty();
    }
}
