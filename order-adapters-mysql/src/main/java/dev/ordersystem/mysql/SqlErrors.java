package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.ValidationFailed;
import org.jooq.exception.DataAccessException;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a failed statement means, on MySQL, MariaDB and H2 alike, so adapters can answer
 * with the port's domain error instead of an SQL exception.
 */
final class SqlErrors {
    private static final int MYSQL_DUPLICATE_KEY = 1062;
    private static final int MYSQL_CHECK_VIOLATED = 3819;
    private static final int MARIADB_CHECK_VIOLATED = 4025;
    private static final int MYSQL_DATA_TOO_LONG = 1406;
    private static final int MYSQL_OUT_OF_RANGE = 1264;
    private static final int MYSQL_BIGINT_OUT_OF_RANGE = 1690;
    private static final int MYSQL_BAD_STRING = 1366;
    private static final Pattern COLUMN = Pattern.compile("column ['\"`]?([A-Za-z_]+)");

    private SqlErrors() {
    }

    /** A unique key named {@code index} (as the migration names it) refused a duplicate. */
    static boolean isDuplicate(DataAccessException failure, String index) {
        return sqlException(failure)
                .filter(e -> e.getErrorCode() == MYSQL_DUPLICATE_KEY || "23505".equals(e.getSQLState()))
                .filter(e -> e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains(index))
                .isPresent();
    }

    /** The primary key refused a duplicate ("… for key 'PRIMARY'" on MySQL/MariaDB, "PRIMARY KEY ON …" on H2). */
    static boolean isDuplicatePrimaryKey(DataAccessException failure) {
        return isDuplicate(failure, "primary");
    }

    /** A CHECK constraint refused the row (MySQL 3819, MariaDB 4025, H2 23513). */
    static boolean violatesCheck(DataAccessException failure) {
        return sqlException(failure)
                .filter(e -> e.getErrorCode() == MYSQL_CHECK_VIOLATED || e.getErrorCode() == MARIADB_CHECK_VIOLATED
                        || "23513".equals(e.getSQLState()))
                .isPresent();
    }

    /**
     * The last guard behind {@link FieldLimits}: text too long, a number out of the column's range
     * or text the column cannot store becomes a {@link ValidationFailed} naming the column.
     */
    static RuntimeException translate(DataAccessException failure) {
        Optional<SQLException> sql = sqlException(failure);
        if (sql.isEmpty()) return failure;
        SQLException e = sql.get();
        int code = e.getErrorCode();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (code == MYSQL_DATA_TOO_LONG || state.equals("22001")) return ValidationFailed.of(column(e), FieldFault.TOO_LONG);
        if (code == MYSQL_OUT_OF_RANGE || code == MYSQL_BIGINT_OUT_OF_RANGE || state.equals("22003")) {
            return ValidationFailed.of(column(e), FieldFault.OUT_OF_RANGE);
        }
        if (code == MYSQL_BAD_STRING) return ValidationFailed.of(column(e), FieldFault.UNSTORABLE_CHARACTERS);
        return failure;
    }

    private static String column(SQLException e) {
        Matcher m = COLUMN.matcher(e.getMessage() == null ? "" : e.getMessage());
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "value";
    }

    private static Optional<SQLException> sqlException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) return Optional.of(sql);
            if (t.getCause() == t) break;
        }
        return Optional.empty();
    }
}
