package dev.ordersystem.mysql;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code INSERT INTO table (columns) VALUES (…), (…), …}: one statement for all rows, each column
 * paired with the way a row gives its value. Rendered once per row count (see {@link RenderedSql}).
 *
 * @param <R> what one row is made from
 */
final class MultiRowInsert<R> {
    private final List<Column<R, ?>> columns;
    private final RenderedSqlPerCount shapes;

    MultiRowInsert(SqlSession session, Table<?> table, List<Column<R, ?>> columns) {
        this.columns = List.copyOf(columns);
        List<Field<?>> fields = this.columns.stream().<Field<?>>map(Column::field).toList();
        this.shapes = new RenderedSqlPerCount(rows -> {
            InsertValuesStepN<?> insert = DSL.insertInto(table).columns(fields);
            List<String> names = new ArrayList<>();
            for (int row = 0; row < rows; row++) {
                List<Object> params = new ArrayList<>();
                for (Field<?> field : fields) {
                    String name = field.getName() + "#" + row;
                    params.add(DSL.param(name, field));
                    names.add(name);
                }
                insert = insert.values(params);
            }
            return session.render(insert, names);
        });
    }

    /** Inserts one row per element of {@code rows}, all in one statement; answers the inserted row count. */
    int execute(DSLContext db, List<R> rows) {
        return of(rows).execute(db);
    }

    /** The one statement inserting {@code rows}, with its values, to be run now or held (see {@link HeldWrites}). */
    BoundSql of(List<R> rows) {
        Object[] values = new Object[rows.size() * columns.size()];
        int i = 0;
        for (R row : rows) {
            for (Column<R, ?> column : columns) values[i++] = column.value().apply(row);
        }
        return new BoundSql(shapes.forCount(rows.size()), values);
    }

    static <R, T> Column<R, T> column(Field<T> field, Function<R, ? extends T> value) {
        return new Column<>(field, value);
    }

    /** A column and how a row gives its value (typed, so the value fits the column). */
    record Column<R, T>(Field<T> field, Function<R, ? extends T> value) {
    }
}
