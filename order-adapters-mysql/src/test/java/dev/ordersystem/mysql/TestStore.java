package dev.ordersystem.mysql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One {@link SqlDatabase} for one test class: on the test server in a fresh schema (through the
 * given driver), or embedded H2 in a fresh directory. Closing it drops the schema / deletes the files.
 */
final class TestStore implements AutoCloseable {
    private final SqlDatabase database;
    private final Runnable cleanup;

    private TestStore(SqlDatabase database, Runnable cleanup) {
        this.database = database;
        this.cleanup = cleanup;
    }

    static TestStore onServer(TestDriver driver) {
        return onServer(driver, SqlOptions.defaults());
    }

    static TestStore onServer(TestDriver driver, SqlOptions options) {
        TestServer server = TestServer.get();
        String schema = server.createSchema();
        try {
            SqlDatabase db = SqlDatabase.connect(server.url(driver, schema), server.user(), server.password(), options);
            return new TestStore(db, () -> server.dropSchema(schema));
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
            return new TestStore(SqlDatabase.embedded(dir, options), () -> deleteTree(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SqlDatabase database() {
        return database;
    }

    @Override
    public void close() {
        try {
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
