package dev.ordersystem.mysql;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One instance at a time migrates the schema, across every node of a Galera cluster as on one
 * server: the claim is a committed row. Two nodes inserting it at once both succeed locally, and
 * certification lets one commit and fails the other (1213), which then finds the row (1062) and
 * waits for the holder to delete it. Named locks ({@code GET_LOCK}) and row locks are local to
 * one node on Galera, so neither would do. A holder that died leaves a row older than
 * {@code stale}, which the next instance takes over.
 */
final class MigrationClaim {
    private static final Logger log = LoggerFactory.getLogger(MigrationClaim.class);
    static final String TABLE = "migration_claim";
    private static final int DUPLICATE_KEY = 1062;

    private final DataSource dataSource;
    private final Duration wait;
    private final Duration stale;
    private final String owner = UUID.randomUUID().toString();

    MigrationClaim(DataSource dataSource, Duration wait, Duration stale) {
        this.dataSource = dataSource;
        this.wait = wait;
        this.stale = stale;
    }

    /** Runs {@code migration} while holding the claim; the claim goes whatever the migration does. */
    void holding(Runnable migration) {
        claim();
        try {
            migration.run();
        } finally {
            release();
        }
    }

    private void claim() {
        long deadline = System.nanoTime() + wait.toNanos();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS migration_claim (id TINYINT PRIMARY KEY, owner VARCHAR(36) NOT NULL, "
                        + "claimed_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))");
            }
            for (long pause = 50; ; pause = Math.min(pause * 2, 1_000)) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO migration_claim (id, owner) VALUES (1, ?)")) {
                    insert.setString(1, owner);
                    insert.executeUpdate();
                    return;
                } catch (SQLException taken) {
                    if (taken.getErrorCode() != DUPLICATE_KEY && !LockConflicts.isRetryable(taken)) throw taken;
                }
                takeOverIfStale(connection);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the schema migration is claimed by another instance (" + holder(connection)
                            + ") since more than " + wait.toSeconds() + " s; if no instance is migrating, DELETE FROM migration_claim");
                }
                Thread.sleep(ThreadLocalRandom.current().nextLong(pause / 2, pause + 1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim the schema migration: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to migrate the schema", e);
        }
    }

    private void takeOverIfStale(Connection connection) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM migration_claim WHERE id = 1 AND claimed_at < CURRENT_TIMESTAMP(6) - INTERVAL ? SECOND")) {
            delete.setLong(1, stale.toSeconds());
            if (delete.executeUpdate() == 1) log.warn("took over a schema migration claim older than {} s (its instance died while migrating)", stale.toSeconds());
        } catch (SQLException conflict) {
            if (!LockConflicts.isRetryable(conflict)) throw conflict;
        }
    }

    private static String holder(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT owner, claimed_at FROM migration_claim WHERE id = 1")) {
            return r.next() ? r.getString(1) + ", claimed at " + r.getTimestamp(2) : "released meanwhile";
        }
    }

    private void release() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM migration_claim WHERE id = 1 AND owner = ?")) {
            connection.setAutoCommit(true);
            delete.setString(1, owner);
            delete.executeUpdate();
        } catch (SQLException e) {
            log.warn("schema migration claim not released ({}); the next start takes it over after {} s", e.getMessage(), stale.toSeconds());
        }
    }
}
