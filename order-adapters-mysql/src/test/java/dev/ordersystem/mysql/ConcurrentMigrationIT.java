package dev.ordersystem.mysql;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instances starting at once on an empty schema, each on another node when the test server is a
 * cluster (a Galera URL names every node; Flyway's named lock is local to one node there): every
 * start succeeds and the schema is migrated once, with no failed migration left behind.
 */
class ConcurrentMigrationIT {
    private static final int ROUNDS = 5;
    private static final int INSTANCES = 3;

    @Test
    void instancesStartingTogetherMigrateTheSchemaOnce() throws Exception {
        TestDatabaseServer server = TestDatabaseServer.get();
        for (int round = 1; round <= ROUNDS; round++) {
            String schema = server.createSchema();
            server.awaitOnEveryServer(schema);
            try {
                List<String> urls = server.urlPerServer(schema);
                CyclicBarrier together = new CyclicBarrier(INSTANCES);
                List<Future<?>> starts = new ArrayList<>();
                try (ExecutorService instances = Executors.newFixedThreadPool(INSTANCES)) {
                    for (int i = 0; i < INSTANCES; i++) {
                        String url = urls.get(i % urls.size());
                        starts.add(instances.submit(() -> {
                            together.await();
                            SqlDatabase.connect(url, server.user(), server.password(), SqlOptions.defaults().withPoolSize(2)).close();
                            return null;
                        }));
                    }
                    for (Future<?> start : starts) start.get(); // a failed start fails the test with its cause
                }
                try (Connection c = DriverManager.getConnection(urls.getFirst(), server.user(), server.password());
                     Statement s = c.createStatement()) {
                    assertThat(count(s, "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 0")).as("failed migrations, round " + round).isZero();
                    String applied = " FROM flyway_schema_history WHERE version IS NOT NULL AND type <> 'BASELINE'";
                    assertThat(count(s, "SELECT COUNT(*)" + applied)).as("each migration applied once, round " + round)
                            .isEqualTo(count(s, "SELECT COUNT(DISTINCT version)" + applied))
                            .isEqualTo(migrationScripts(urls.getFirst(), server));
                    assertThat(count(s, "SELECT COUNT(*) FROM migration_claim")).as("claim released").isZero();
                }
            } finally {
                server.dropSchema(schema);
            }
        }
    }

    /** The versioned scripts Flyway finds on the class path (all applied, so none pending). */
    private static long migrationScripts(String url, TestDatabaseServer server) {
        MigrationInfoService info = Flyway.configure().dataSource(url, server.user(), server.password())
                .locations("classpath:db/migration").load().info();
        assertThat(info.pending()).as("pending migrations").isEmpty();
        return Arrays.stream(info.all()).filter(m -> !m.getType().isBaseline() && m.getVersion() != null).count();
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
