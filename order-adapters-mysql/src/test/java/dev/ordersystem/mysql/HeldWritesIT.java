package dev.ordersystem.mysql;

import com.zaxxer.hikari.HikariDataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A transaction's held writes reach MariaDB/MySQL as one statement (one round trip) through
 * either driver, run in order, and a failure among them is named by the insert it belongs to.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDriver.class)
class HeldWritesIT {
    private static final Table<?> PARCEL = DSL.table(DSL.name("parcel"));
    private static final Field<Long> ID = DSL.field(DSL.name("id"), Long.class);
    private static final Field<String> NOTE = DSL.field(DSL.name("note"), String.class);

    @Parameter
    TestDriver driver;

    private final TestDatabaseServer server = TestDatabaseServer.get();
    private String schema;
    private HikariDataSource pool;
    private final List<String> sent = new ArrayList<>();

    @BeforeEach
    void open() throws SQLException {
        schema = server.createSchema();
        pool = ConnectionPool.open(server.url(driver, schema), server.user(), server.password(), SqlOptions.defaults().withPoolSize(1));
        try (Connection connection = pool.getConnection(); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE parcel (id BIGINT PRIMARY KEY, note VARCHAR(20))");
            statement.execute("CREATE TABLE label (id BIGINT PRIMARY KEY, note VARCHAR(20))");
            connection.commit();
        }
    }

    @AfterEach
    void close() {
        pool.close();
        server.dropSchema(schema);
    }

    @Test
    void heldInsertsGoWithTheNextStatementsAsOneAndRunInOrder() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            DSLContext db = counted(connection);
            HeldWrites held = new HeldWrites(true);
            held.hold(parcels(db).of(List.of(1L, 2L)), HeldWrites.Explanation.NONE);
            held.hold(labels(db).of(List.of(1L)), HeldWrites.Explanation.NONE);
            RenderedSql renote = new RenderedSql(db, DSL.update(PARCEL).set(NOTE, DSL.param("note", NOTE))
                    .where(ID.eq(DSL.param("id", ID))), List.of("note", "id"));

            long preparedBefore = serverPrepares(connection);
            sent.clear();

            int[] counts = held.sendWith(db, List.of(
                    new BoundSql(renote, new Object[] {"renoted", 2L}), new BoundSql(renote, new Object[] {"renoted", 9L})));
            held.send(db); // nothing is held any more: nothing is sent again
            List<String> statements = List.copyOf(sent);

            assertThat(serverPrepares(connection) - preparedBefore)
                    .as("no server-side PREPARE tried (and refused) for the multi-statement: no round trip of its own")
                    .isZero();
            assertThat(counts).containsExactly(1, 0);
            assertThat(statements).hasSize(1).first().asString().containsSubsequence("parcel", "label", "update", "update");
            assertThat(db.fetch("SELECT id, note FROM parcel ORDER BY id").map(r -> r.get(0, Long.class) + "=" + r.get(1, String.class)))
                    .containsExactly("1=parcel 1", "2=renoted");
            assertThat(db.fetchValue("SELECT note FROM label WHERE id = 1")).isEqualTo("label 1");
            connection.rollback();
        }
    }

    @Test
    void aFailureIsNamedByTheInsertItBelongsToAndStopsTheOnesAfterIt() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            DSLContext db = counted(connection);
            parcels(db).execute(db, List.of(7L));
            IllegalStateException taken = new IllegalStateException("parcel 7 is taken");
            HeldWrites held = new HeldWrites(true);
            held.hold(labels(db).of(List.of(1L)), (d, failure) -> Optional.empty());
            held.hold(parcels(db).of(List.of(7L)),
                    (d, failure) -> SqlErrors.isDuplicatePrimaryKey(failure) ? Optional.of(taken) : Optional.empty());
            held.hold(labels(db).of(List.of(2L)), HeldWrites.Explanation.NONE);

            assertThatThrownBy(() -> held.send(db)).isSameAs(taken);
            // and the connection still answers a prepared statement (the read below)

            assertThat(db.fetch("SELECT id FROM label ORDER BY id").getValues(0, Long.class)).containsExactly(1L);
            connection.rollback();
        }
    }

    /** The server's count of PREPARE commands on this connection ({@code Com_stmt_prepare}). */
    private static long serverPrepares(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var status = statement.executeQuery("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'")) {
            status.next();
            return status.getLong(2);
        }
    }

    private MultiRowInsert<Long> parcels(DSLContext db) {
        return insertInto(db, PARCEL, "parcel");
    }

    private MultiRowInsert<Long> labels(DSLContext db) {
        return insertInto(db, DSL.table(DSL.name("label")), "label");
    }

    private static MultiRowInsert<Long> insertInto(DSLContext db, Table<?> table, String note) {
        SqlSession session = new SqlSession(db, new TransactionBinding(true), null, null, null);
        return new MultiRowInsert<>(session, table, List.of(
                MultiRowInsert.column(ID, id -> id),
                MultiRowInsert.column(NOTE, id -> note + " " + id)));
    }

    /** {@code connection} as jOOQ sees it, noting every statement prepared on it. */
    private DSLContext counted(Connection connection) throws SQLException {
        Connection noting = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") || method.getName().equals("createStatement")) {
                        sent.add(args == null ? "" : String.valueOf(args[0]));
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return DSL.using(noting, ServerKind.of(connection).dialect());
    }
}
