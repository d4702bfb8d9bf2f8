package dev.ordersystem.mysql;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Brings the schema up to date at start with the Flyway scripts in {@code db/migration}. On
 * MySQL/MariaDB the migration runs under a {@link MigrationClaim}: Flyway's own lock is a named
 * lock of one server, which the other nodes of a Galera cluster do not see, so two instances
 * starting together on two nodes would both run V1.
 */
final class Migrations {
    /** Far beyond any migration of this schema; then the start fails, naming the claim's holder. */
    static final Duration CLAIM_WAIT = Duration.ofMinutes(5);
    /** A claim this old belongs to an instance that died while migrating. */
    static final Duration CLAIM_STALE = Duration.ofMinutes(10);

    private Migrations() {
    }

    static void migrate(DataSource dataSource, ServerKind server) {
        FluentConfiguration flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (server == ServerKind.H2) {
            flyway.load().migrate(); // one process owns an embedded file database
            return;
        }
        new MigrationClaim(dataSource, CLAIM_WAIT, CLAIM_STALE).holding(() -> {
            // A new schema holds the claim's table only: Flyway would call it "not empty" and stop,
            // so it starts the history below V1 instead. Any other table still stops it.
            if (onlyTheClaim(dataSource)) flyway.baselineOnMigrate(true).baselineVersion("0").baselineDescription("new schema");
            flyway.load().migrate();
        });
    }

    private static boolean onlyTheClaim(DataSource dataSource) {
        Set<String> tables = new HashSet<>();
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
            while (r.next()) tables.add(r.getString(1).toLowerCase());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the schema's tables: " + e.getMessage(), e);
        }
        return tables.equals(Set.of(MigrationClaim.TABLE));
    }
}
