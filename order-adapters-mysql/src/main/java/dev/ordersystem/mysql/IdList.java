package dev.ordersystem.mysql;

import org.jooq.Field;
import org.jooq.Param;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;

/**
 * The bind values of an {@code IN (…)} list of {@code count} ids for a {@link RenderedSqlPerCount}
 * statement, named {@code id#0, id#1, …} in the order jOOQ renders them.
 */
record IdList(List<Param<Long>> params, List<String> names) {

    static IdList of(Field<Long> column, int count) {
        List<Param<Long>> params = new ArrayList<>(count);
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            params.add(DSL.param("id#" + i, column));
            names.add("id#" + i);
        }
        return new IdList(List.copyOf(params), List.copyOf(names));
    }
}
