package dev.ordersystem.mysql;

import com.zaxxer.hikari.HikariDataSource;
import dev.ordersystem.core.port.Reconciliations;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.port.Webhooks;
import org.jooq.DSLContext;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The order system's store on MySQL 8.0+, MariaDB 10.6+ or an embedded H2 file database: a
 * HikariCP pool, the schema migrated by Flyway at start, and jOOQ adapters for every persistence
 * port, all joining one thread-bound transaction per use case.
 *
 * <pre>{@code
 * try (SqlDatabase db = SqlDatabase.connect("jdbc:mariadb://127.0.0.1:3306/shop?sslMode=disable",
 *         "shop", secret, SqlOptions.defaults())) {
 *     OrderSystem shop = new OrderSystem(db.storage(), fastPath, settings, clock);
 * }
 * }</pre>
 *
 * URLs: {@code jdbc:mariadb://…} (MariaDB driver; add {@code sslMode=disable} for a local server
 * without TLS), {@code jdbc:mysql://…} (Connector/J; e.g. {@code ?sslMode=DISABLED} locally), or
 * {@code jdbc:h2:…;MODE=MySQL;DATABASE_TO_LOWER=TRUE}. The jOOQ dialect follows the server, not
 * the driver.
 */
public final class SqlDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqlDatabase.class);
    private static final int READINESS_TIMEOUT_SECONDS = 2;

    private final HikariDataSource pool;
    private final ServerKind server;
    private final Storage storage;
    private final JooqTransactions transactions;
    private final SqlReconciliations reconciliations;

    private SqlDatabase(HikariDataSource pool, ServerKind server, boolean galera, SqlOptions options) {
        this.pool = pool;
        this.server = server;
        DSLContext root = DSL.using(pool, server.dialect(), new Settings().withExecuteLogging(false));
        // Held writes go as one multi-statement on one server. On H2 there is no round trip to save;
        // on a Galera node they go one by one: a cluster's commit (replication, certification)
        // costs far more than the round trips saved, and write sets stay as the cluster suites test them.
        TransactionBinding binding = new TransactionBinding(server != ServerKind.H2 && !galera);
        this.transactions = new JooqTransactions(root, binding, options.maxAttempts(), options.retryBackoff());
        SqlSession session = new SqlSession(root, binding, this.transactions, options.currency(), options.clock());
        SqlPaymentRecords payments = new SqlPaymentRecords(session);
        this.reconciliations = new SqlReconciliations(session, payments);
        this.storage = new Storage(this.transactions, new SqlOrderRepository(session), new SqlStockLedger(session),
                new SqlBalanceLedger(session), new SqlProductCatalogue(session), payments,
                new SqlPaymentAttempts(session),
                new SqlUserAccounts(session), new SqlAccessTokens(session), new SqlAddressBook(session),
                new SqlAuditSource(session), new SqlOutbox(session),
                new Webhooks(new SqlWebhookEndpoints(session), new SqlWebhookDeliveries(session)),
                new SqlRefunds(session));
    }

    /** Connects to a MySQL, MariaDB or H2 database, migrates its schema and returns the store. */
    public static SqlDatabase connect(String url, String user, String password, SqlOptions options) {
        HikariDataSource pool = ConnectionPool.open(url, user, password, options);
        try {
            ServerKind server;
            boolean galera;
            try (Connection connection = pool.getConnection()) {
                server = ServerKind.of(connection);
                galera = server.galeraNode(connection);
                if (galera && !ServerKind.causalReads(connection)) {
                    log.warn("this Galera node lets reads miss rows other nodes committed moments ago (wsrep_sync_wait "
                            + "without its read bit): set wsrep_sync_wait=1 on every node (docs/SCALING.md)");
                }
            }
            Migrations.migrate(pool, server);
            return new SqlDatabase(pool, server, galera, galera ? options.onCluster() : options);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    /** The embedded default of DESIGN §6: an H2 file database in MySQL mode under {@code dataDir}. */
    public static SqlDatabase embedded(Path dataDir, SqlOptions options) {
        return connect(embeddedUrl(dataDir), "sa", "", options);
    }

    public static SqlDatabase embedded(Path dataDir) {
        return embedded(dataDir, SqlOptions.defaults());
    }

    /** The H2 URL of the embedded database under {@code dataDir}. */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("orders")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000";
    }

    /** The persistence ports, sharing one transaction boundary. */
    public Storage storage() {
        return storage;
    }

    /** The reconciliation reports (DESIGN §14), sharing the storage's transactions. */
    public Reconciliations reconciliations() {
        return reconciliations;
    }

    /** Transactions run again for conflicting writes, and given up, since start: for metrics. */
    public TransactionRetries transactionRetries() {
        return transactions.retries();
    }

    /** The pool's connections right now (HikariCP's pool statistics). */
    public PoolUsage poolUsage() {
        var stats = pool.getHikariPoolMXBean();
        if (stats == null) return new PoolUsage(0, 0, 0, 0);
        return new PoolUsage(stats.getActiveConnections(), stats.getIdleConnections(),
                stats.getThreadsAwaitingConnection(), stats.getTotalConnections());
    }

    public ServerKind server() {
        return server;
    }

    /**
     * Whether a connection can be had and answers within a couple of seconds. The check runs on a
     * virtual thread, so a probe never waits for the pool's full connection timeout.
     */
    public Readiness readiness() {
        CompletableFuture<Readiness> check = CompletableFuture.supplyAsync(this::checkConnection,
                runnable -> Thread.ofVirtual().name("order-db-readiness").start(runnable));
        try {
            return check.get(READINESS_TIMEOUT_SECONDS + 1L, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return Readiness.unavailable("no database connection within " + (READINESS_TIMEOUT_SECONDS + 1) + " s");
        } catch (ExecutionException e) {
            return Readiness.unavailable(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Readiness.unavailable("interrupted");
        }
    }

    private Readiness checkConnection() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(READINESS_TIMEOUT_SECONDS) ? Readiness.ready() : Readiness.unavailable("connection not valid");
        } catch (SQLException | RuntimeException e) {
            return Readiness.unavailable(e.getMessage());
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
