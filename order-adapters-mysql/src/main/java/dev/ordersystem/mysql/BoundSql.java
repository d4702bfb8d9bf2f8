package dev.ordersystem.mysql;

import org.jooq.DSLContext;

/** A rendered statement with its values in bind order, to run now or to hold (see {@link HeldWrites}). */
record BoundSql(RenderedSql sql, Object[] values) {
    BoundSql {
        sql.checkCount(values);
    }

    int execute(DSLContext db) {
        return sql.execute(db, values);
    }
}
