package dev.ordersystem.mysql;

import dev.ordersystem.mysql.jooq.DateTimeBinding;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A statement jOOQ renders once, for the server's dialect, and JDBC runs many times. On the hot
 * paths (placing an order, resolving a bearer token) building and rendering a jOOQ query took
 * more CPU than the database round trip; jOOQ's manual ("Performance considerations") suggests
 * caching the SQL it generates and preparing the statements yourself. The statement is still
 * written with the generated tables; each bind value is a {@code DSL.param(name, column)}, and
 * the names given here must be the binds in the order jOOQ renders them (checked once, here),
 * so callers pass values positionally in that order.
 *
 * <p>Values are bound as jOOQ would for the column types used here; DATETIME values as text, as
 * {@link DateTimeBinding} does. A failure surfaces as jOOQ's {@code DataAccessException} with the
 * driver's {@code SQLException} as its cause, like any jOOQ query, so {@link SqlErrors} and
 * {@link LockConflicts} read it the same way.
 */
final class RenderedSql {
    private final String sql;
    /** The JDBC type each bind takes when its value is NULL: asked of jOOQ once, not per NULL bound. */
    private final int[] nullTypes;

    RenderedSql(DSLContext renderer, Query template, List<String> bindNames) {
        this.sql = renderer.render(template);
        List<String> rendered = new ArrayList<>();
        List<DataType<?>> types = new ArrayList<>();
        for (Param<?> param : template.getParams().values()) {
            if (param.isInline()) continue; // e.g. `revoked = false`: part of the SQL text
            rendered.add(param.getParamName());
            types.add(param.getDataType());
        }
        if (!rendered.equals(bindNames)) {
            throw new IllegalStateException("binds render as " + rendered + ", not " + bindNames + ": " + sql);
        }
        this.nullTypes = types.stream().mapToInt(RenderedSql::nullType).toArray();
    }

    String sql() {
        return sql;
    }

    /** Runs an INSERT, UPDATE or DELETE; answers the affected row count. */
    int execute(DSLContext db, Object... values) {
        return run(db, values, PreparedStatement::executeUpdate);
    }

    /**
     * Runs the statement once per row of values as one JDBC batch (the MariaDB driver sends them
     * together and reads the answers together: one round trip); answers each row's affected count.
     */
    int[] executeBatch(DSLContext db, List<Object[]> rows) {
        for (Object[] values : rows) checkCount(values);
        return db.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] values : rows) {
                    bind(statement, 1, values);
                    statement.addBatch();
                }
                return statement.executeBatch();
            } catch (SQLException e) {
                throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
            }
        });
    }

    /** Runs a query and reads every row. */
    <T> List<T> fetch(DSLContext db, RowReader<T> reader, Object... values) {
        return run(db, values, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                List<T> read = new ArrayList<>();
                while (rows.next()) read.add(reader.read(rows));
                return read;
            }
        });
    }

    /** Runs a query that finds at most one row. */
    <T> Optional<T> fetchOptional(DSLContext db, RowReader<T> reader, Object... values) {
        List<T> rows = fetch(db, reader, values);
        if (rows.size() > 1) throw new IllegalStateException("more than one row from " + sql);
        return rows.stream().findFirst();
    }

    /**
     * On the caller's connection: the transaction's, or one from the pool for a read outside a
     * transaction. A driver failure becomes a {@link DataAccessException} naming the SQL, as jOOQ's own are.
     */
    private <T> T run(DSLContext db, Object[] values, StatementWork<T> work) {
        checkCount(values);
        return db.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, 1, values);
                return work.run(statement);
            } catch (SQLException e) {
                throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
            }
        });
    }

    void checkCount(Object[] values) {
        if (values.length != nullTypes.length) {
            throw new IllegalArgumentException(nullTypes.length + " values expected, got " + values.length + ": " + sql);
        }
    }

    /**
     * Binds {@code values} to {@code statement}'s markers from {@code first} on (1 for this statement
     * alone; further on where it is one of several sent together, see {@link HeldWrites}).
     */
    void bind(PreparedStatement statement, int first, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            int index = first + i;
            switch (values[i]) {
                case null -> statement.setNull(index, nullTypes[i]);
                case Long value -> statement.setLong(index, value);
                case Integer value -> statement.setInt(index, value);
                case String value -> statement.setString(index, value);
                case Boolean value -> statement.setBoolean(index, value);
                case LocalDateTime value -> statement.setString(index, DateTimeBinding.text(value));
                default -> throw new IllegalArgumentException("no binding for " + values[i].getClass().getName());
            }
        }
    }

    /** The JDBC type of a NULL; DATETIME binds as text (see {@link DateTimeBinding}). */
    private static int nullType(DataType<?> type) {
        return type.getType() == LocalDateTime.class ? Types.VARCHAR : type.getSQLType();
    }

    private interface StatementWork<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /** Reads one row of a result by column position. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }
}
