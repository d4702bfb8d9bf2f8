package dev.ordersystem.mysql;

import org.jooq.DSLContext;

import static org.jooq.impl.DSL.field;

/**
 * The id the last insert on this connection generated. Not {@code INSERT … RETURNING}: the
 * MARIADB dialect renders it and Connector/J cannot run it; and not jOOQ's {@code lastID()},
 * which renders {@code identity()} on H2 2.x, where it is gone. {@code LAST_INSERT_ID()} works on
 * MySQL, MariaDB and H2 in MySQL mode. Only valid inside a transaction, where the insert and
 * this query share one connection.
 */
final class GeneratedIds {

    private GeneratedIds() {
    }

    static long last(DSLContext db) {
        return db.select(field("LAST_INSERT_ID()", Long.class)).fetchSingle().value1();
    }
}
