package dev.ordersystem.http.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises a lost database connection (a restart, a failover) anywhere in a failure's cause
 * chain: SQLSTATE class 08, or the JDK's connection exception types. Such a failure committed
 * nothing, so the caller may safely try again: it is answered "unavailable", not "unexpected".
 */
public final class ConnectionLoss {
    private ConnectionLoss() {
    }

    public static boolean anywhereIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) return true;
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) return true;
        }
        return false;
    }
}
