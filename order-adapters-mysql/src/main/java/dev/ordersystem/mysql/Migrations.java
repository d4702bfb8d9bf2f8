package dev.ordersystem.mysql;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** Brings the schema up to date at start with the Flyway scripts in {@code db/migration}. */
final class Migrations {

    private Migrations() {
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
