package dev.ordersystem.mysql;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells deadlocks and lock-wait timeouts (worth running the transaction again) from other failures.
 * MySQL/MariaDB: SQLSTATE 40001 with error 1213 (deadlock) or 1205 (lock wait timeout; also
 * NOWAIT). H2: 40001 (deadlock) and HYT00 / 50200 (lock timeout).
 */
final class LockConflicts {
    private static final Set<Integer> MYSQL_CODES = Set.of(1213, 1205);
    private static final int H2_LOCK_TIMEOUT = 50200;

    private LockConflicts() {
    }

    static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isRetryable(sql)) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    private static boolean isRetryable(SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
            if ("40001".equals(e.getSQLState())) return true;
            if (MYSQL_CODES.contains(e.getErrorCode())) return true;
            if ("HYT00".equals(e.getSQLState()) || e.getErrorCode() == H2_LOCK_TIMEOUT) return true;
        }
        return false;
    }
}
