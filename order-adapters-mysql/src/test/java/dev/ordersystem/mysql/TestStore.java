package dev.ordersystem.mysql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One {@link SqlDatabase} for one test class: on the test server in a fresh schema (through the
 * given driver), or embedded H2 in a fresh directory. Closing it drops the schema / deletes the files.
 */
final class TestStore implements AutoCloseable {
    private final SqlDatabase database;
    private final Runnable cleanup;
    private final Supplier<SqlDatabase> sameSchema;
    private final List<SqlDatabase> others = new ArrayList<>();

    private TestStore(SqlDatabase database, Runnable cleanup, Supplier<SqlDatabase> sameSchema) {
        this.database = database;
        this.cleanup = cleanup;
        this.sameSchema = sameSchema;
    }

    static TestStore onServer(TestDriver driver) {
        return onServer(driver, SqlOptions.defaults());
    }

    static TestStore onServer(TestDriver driver, SqlOptions options) {
        TestDatabaseServer server = TestDatabaseServer.get();
        String schema = server.createSchema();
        try {
            SqlDatabase db = SqlDatabase.connect(server.url(driver, schema), server.user(), server.password(), options);
            return new TestStore(db, () -> server.dropSchema(schema),
                    () -> SqlDatabase.connect(server.url(driver, schema), server.user(), server.password(), options));
        } catch (RuntimeException e) {
            server.dropSchema(schema);
            throw e;
        }
    }

    static TestStore embedded() {
        return embedded(SqlOptions.defaults());
    }

    static TestStore embedded(SqlOptions options) {
        try {
            Path dir = Files.createTempDirectory("order-h2-");
            SqlDatabase db = SqlDatabase.embedded(dir, options);
            return new TestStore(db, () -> deleteTree(dir), () -> db); // the H2 file admits one process: the same pool
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SqlDatabase database() {
        return database;
    }

    /** A second instance's database: the same schema through a pool of its own (embedded H2: the same pool). */
    synchronized SqlDatabase secondInstance() {
        if (others.isEmpty()) {
            SqlDatabase other = sameSchema.get();
            others.add(other);
        }
        return others.getFirst();
    }

    @Override
    public void close() {
        try {
            for (SqlDatabase other : others) if (other != database) other.close();
            database.close();
        } finally {
            cleanup.run();
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
