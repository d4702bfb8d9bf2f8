package dev.ordersystem.app;

import java.time.ZoneId;
import dev.ordersystem.http.observe.ReconciliationMetrics;
import dev.ordersystem.core.usecase.payment.ReconcileBill;
import dev.ordersystem.core.usecase.payment.DailyReconciliation;
import dev.ordersystem.core.usecase.refund.RecordedRefunds;
import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.Outside;
import dev.ordersystem.core.memory.InMemoryFastPath;
import dev.ordersystem.core.port.FastPath;
import dev.ordersystem.core.port.provider.PaymentProvider;
import dev.ordersystem.core.usecase.event.DeliverWebhooks;
import dev.ordersystem.core.usecase.event.TargetAddressRule;
import dev.ordersystem.core.usecase.event.WebhookWorker;
import dev.ordersystem.core.usecase.order.AutoCompletion;
import dev.ordersystem.core.usecase.order.ExpiryWorker;
import dev.ordersystem.core.usecase.order.PlaceOrder;
import dev.ordersystem.http.HttpApi;
import dev.ordersystem.http.HttpSettings;
import dev.ordersystem.http.ReadinessCheck;
import dev.ordersystem.http.observe.MeteredPaymentProvider;
import dev.ordersystem.http.webhook.JdkWebhookSender;
import dev.ordersystem.mysql.Readiness;
import dev.ordersystem.mysql.SqlDatabase;
import dev.ordersystem.mysql.SqlOptions;
import dev.ordersystem.redis.RedisFastPath;
import dev.ordersystem.redis.RedisSettings;
import dev.ordersystem.redis.RedisStatus;
import io.javalin.Javalin;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The whole server, wired by hand: the store (MySQL/MariaDB, or the embedded H2 file database),
 * the fast path (Redis, or in-process), the core, the HTTP API and the expiry worker.
 * {@link #close()} shuts down in order: stop taking requests (in-flight ones finish), stop the
 * expiry worker, close Redis and the database pool.
 */
public final class Application implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Application.class);

    private final SqlDatabase database;
    private final Optional<RedisFastPath> redis;
    private final OrderSystem system;
    private final Javalin http;
    private final String adminToken;
    private final FastPath fastPath;
    private final Clock clock;
    private final DailyReconciliation dailyReconciliation;
    /** A reconciliation claimed by an instance that died is taken over after this long. */
    private static final Duration RECONCILIATION_STALE_AFTER = Duration.ofMinutes(15);

    private Application(AppConfig config, PaymentConfig payments, Clock clock) {
        int nodeId = config.nodeId().orElseGet(NodeIds::derived);
        SqlOptions sqlOptions = SqlOptions.defaults().withCurrency(config.currency()).withClock(clock);
        this.database = config.dbUrl()
                .map(url -> SqlDatabase.connect(url, config.dbUser(), config.dbPassword(), sqlOptions))
                .orElseGet(() -> SqlDatabase.embedded(config.dataDir(), sqlOptions));
        Optional<RedisFastPath> redis = Optional.empty();
        try {
            redis = config.redisUrl().map(url -> RedisFastPath.connect(
                    RedisSettings.fromUrl(url).withKeyPrefix(config.redisKeyPrefix())));
            this.redis = redis;
            this.clock = clock;
            this.fastPath = redis.map(RedisFastPath::fastPath).orElseGet(() -> InMemoryFastPath.create(clock));
            OrderSettings settings = OrderSettings.defaults().withCurrency(config.currency())
                    .withPaymentTimeout(config.paymentTimeout()).withNodeId(nodeId);
            // The sandbox's provider clients call this very server, whose port is known once it listens.
            PaymentWiring paymentWiring = payments.wire(clock, this::selfAddress);
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            // Every provider call, from a start, a poll, the sync, an expiry or a cancel, is counted and timed here.
            PaymentProvider provider = new MeteredPaymentProvider(paymentWiring.provider(), metrics);
            JdkWebhookSender webhookSender = new JdkWebhookSender(config.webhooks().connectTimeout(), config.webhooks().timeout(),
                    new TargetAddressRule(config.webhooks().allowPrivate()));
            this.system = new OrderSystem(database.storage(), fastPath, settings, config.shipping(), Outside.none()
                    .withPayments(config.paymentSync(), provider)
                    .withWebhooks(config.webhooks().settings(), webhookSender).withRefunds(config.refunds()), clock);
            this.adminToken = config.adminToken().orElseGet(Application::randomToken);
            if (config.embedded()) DemoData.seed(system);
            registerGauges(metrics);
            // DESIGN §14: the bills are compared with the payment records, the trades and the refund records.
            ReconcileBill reconcileBill = new ReconcileBill(paymentWiring.bills(), database.reconciliations(), database.storage().payments(),
                    database.storage().attempts(), new RecordedRefunds(database.storage().refunds()), system.applyPayment(), new ReconciliationMetrics(metrics),
                    "node-" + nodeId, RECONCILIATION_STALE_AFTER, clock);
            this.dailyReconciliation = new DailyReconciliation(reconcileBill, config.reconcile().at(), ZoneId.systemDefault(),
                    Duration.ofMinutes(10), clock);
            this.http = HttpApi.create(system, config.edge().applyTo(HttpSettings.defaults(adminToken)), metrics, this::readiness, clock,
                    paymentWiring.channels(), Optional.of(reconcileBill));
            logPayments(payments);
            log.info("order system: node {}, {} store, {} fast path, {}", nodeId,
                    config.embedded() ? "embedded H2 (" + config.dataDir().toAbsolutePath() + ")" : database.server(),
                    redis.isPresent() ? "Redis" : "in-process", config.edge().proxies());
            log.info("shipping: carriers {}, automatic completion {}",
                    config.shipping().carriers().isEmpty() ? "any" : config.shipping().carriers(),
                    config.shipping().autoCompleteAfter().map(after -> after + " after shipping").orElse("off"));
        } catch (RuntimeException | Error e) {
            // Whatever was opened is closed again: a start that fails must not leave pools (and their threads) behind.
            try {
                redis.ifPresent(RedisFastPath::close);
            } finally {
                database.close();
            }
            throw e;
        }
    }

    /** Builds everything and starts serving on {@code config.httpPort()} (0: any free port); no provider keys. */
    public static Application start(AppConfig config, Clock clock) {
        return start(config, PaymentConfig.sandboxOnly(config.sandbox()), clock);
    }

    /** As {@link #start(AppConfig, Clock)}, with the payment channels of {@code payments}. */
    public static Application start(AppConfig config, PaymentConfig payments, Clock clock) {
        Application app = new Application(config, payments, clock);
        try {
            app.http.start(config.httpPort());
            app.system.expiryWorker().start();
            app.system.stockGateKeeper().start();
            app.system.autoCompletion().start();
            if (!app.system.startPayment().channels().isEmpty()) app.system.syncOpenTrades().start();
            app.system.webhookWorker().start();
            if (!app.system.startPayment().channels().isEmpty()) app.dailyReconciliation.start();
            app.system.refundJob().start(); // balance refunds need none, but parked and pending ones are watched (alerts)
            return app;
        } catch (RuntimeException | Error e) {
            app.close();
            throw e;
        }
    }

    /** Where this server answers itself (the sandbox's provider clients call it). */
    private URI selfAddress() {
        return URI.create("http://127.0.0.1:" + http.port());
    }

    public int port() {
        return http.port();
    }

    public String adminToken() {
        return adminToken;
    }

    public OrderSystem system() {
        return system;
    }

    private List<ReadinessCheck.DependencyStatus> readiness() {
        List<ReadinessCheck.DependencyStatus> statuses = new ArrayList<>();
        Readiness db = database.readiness();
        statuses.add(db.state() == Readiness.State.READY
                ? ReadinessCheck.DependencyStatus.up("database")
                : ReadinessCheck.DependencyStatus.down("database", db.detail()));
        redis.ifPresent(r -> statuses.add(r.status() == RedisStatus.REACHABLE
                ? ReadinessCheck.DependencyStatus.up("redis")
                : ReadinessCheck.DependencyStatus.down("redis", "not reachable")));
        return statuses;
    }

    /** Pool usage and Redis fail-opens, next to the HTTP and order metrics the API records. */
    private void registerGauges(PrometheusMeterRegistry metrics) {
        Gauge.builder("db_pool_connections_active", database, db -> db.poolUsage().active()).register(metrics);
        Gauge.builder("db_pool_connections_idle", database, db -> db.poolUsage().idle()).register(metrics);
        Gauge.builder("db_pool_threads_waiting", database, db -> db.poolUsage().waiting()).register(metrics);
        FunctionCounter.builder("db_certification_retries_total", database, db -> db.transactionRetries().conflicts())
                .description("transactions run again after a deadlock or, on a Galera cluster, a certification failure at commit")
                .register(metrics);
        FunctionCounter.builder("db_lock_wait_retries_total", database, db -> db.transactionRetries().lockWaits())
                .description("transactions run again after a lock-wait timeout").register(metrics);
        FunctionCounter.builder("db_transactions_given_up_total", database, db -> db.transactionRetries().givenUp())
                .description("transactions still refused for conflicting writes after the last attempt (answered 50300)").register(metrics);
        Gauge.builder("delay_queue_lag_seconds", this, Application::queueLagSeconds)
                .description("how long the earliest due expiry job has waited to be claimed; NaN when the queue is unreachable")
                .register(metrics);
        FunctionCounter.builder("orders_expired_total", system.expiryWorker(), ExpiryWorker::expiredTotal)
                .description("orders cancelled for their payment timeout by this instance").register(metrics);
        FunctionCounter.builder("orders_auto_completed_total", system.autoCompletion(), AutoCompletion::completedTotal)
                .description("shipped orders completed automatically by this instance after ORDER_AUTO_COMPLETE_AFTER").register(metrics);
        // The rate of the second over the first is the average group size of the group commit.
        FunctionCounter.builder("order_placement_transactions_total", system.placeOrder(), PlaceOrder::placementTransactions)
                .description("placement transactions committed by this instance (one per group or lone placement)").register(metrics);
        FunctionCounter.builder("order_placements_written_total", system.placeOrder(), PlaceOrder::placementsWritten)
                .description("orders written by those transactions").register(metrics);
        registerEventMetrics(metrics);
        redis.ifPresent(r -> FunctionCounter.builder("redis_fail_open_total", r, RedisFastPath::failOpenCount)
                .description("fast-path calls (guard, caches, stock gate, attempt budgets) that carried on without Redis").register(metrics));
    }

    /** DESIGN §15: events written (published once each, by one instance), deliveries by outcome, and the lag. */
    private void registerEventMetrics(PrometheusMeterRegistry metrics) {
        WebhookWorker worker = system.webhookWorker();
        FunctionCounter.builder("order_events_published_total", worker, WebhookWorker::publishedTotal)
                .description("committed events this instance gave their feed position and queued for delivery").register(metrics);
        FunctionCounter.builder("webhook_deliveries_total", worker.deliveries(), DeliverWebhooks::deliveredTotal)
                .tag("outcome", "delivered").description("webhook attempts by this instance, by outcome").register(metrics);
        FunctionCounter.builder("webhook_deliveries_total", worker.deliveries(), DeliverWebhooks::failedAttemptsTotal)
                .tag("outcome", "retry").description("webhook attempts by this instance, by outcome").register(metrics);
        FunctionCounter.builder("webhook_deliveries_total", worker.deliveries(), DeliverWebhooks::gaveUpTotal)
                .tag("outcome", "failed").description("webhook attempts by this instance, by outcome").register(metrics);
        Gauge.builder("order_events_unpublished", this, app -> app.fromDatabase(() -> (double) app.system.eventFeed().unpublished()))
                .description("events committed and not yet published; NaN when the database is unreachable").register(metrics);
        Gauge.builder("refunds_pending", this, app -> app.fromDatabase(() -> (double) app.system.refundJob().pending()))
                .description("refunds recorded and not settled yet (DESIGN §14); NaN when the database is unreachable").register(metrics);
        Gauge.builder("refunds_stuck", this, app -> app.fromDatabase(() -> (double) app.system.refundJob().stuck().size()))
                .description("refunds PENDING longer than their retry window: each one also an alert in the log and a §7 audit "
                        + "violation; NaN when the database is unreachable").register(metrics);
        Gauge.builder("webhook_delivery_lag_seconds", this, Application::deliveryLagSeconds)
                .description("how long the earliest due webhook delivery has waited to be sent; NaN when the database is unreachable")
                .register(metrics);
    }

    private double deliveryLagSeconds() {
        return fromDatabase(() -> {
            var now = clock.instant();
            return system.eventFeed().earliestDueDelivery(now)
                    .map(due -> Math.max(0, Duration.between(due, now).toMillis() / 1000.0)).orElse(0.0);
        });
    }

    private double fromDatabase(java.util.function.DoubleSupplier read) {
        try {
            return read.getAsDouble();
        } catch (RuntimeException unreachable) {
            return Double.NaN;
        }
    }

    private double queueLagSeconds() {
        try {
            return fastPath.scheduler().earliestWaiting()
                    .map(due -> Math.max(0, Duration.between(due, clock.instant()).toMillis() / 1000.0))
                    .orElse(0.0);
        } catch (RuntimeException unreachable) {
            return Double.NaN;
        }
    }

    private static void logPayments(PaymentConfig payments) {
        if (payments.sandbox()) {
            log.warn("payment SANDBOX on: notifications are checked with keys generated for this run; "
                    + "pay an order with POST /api/v1/admin/sandbox/payments/{orderNo} {\"channel\":\"WECHAT\"|\"ALIPAY\"}");
        } else {
            log.info("payment notifications: WeChat Pay {}, Alipay {}", payments.wechat().isPresent() ? "on" : "off",
                    payments.alipay().isPresent() ? "on" : "off");
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        try {
            http.stop();
        } finally {
            try {
                system.webhookWorker().close();
                system.stockGateKeeper().close();
                system.autoCompletion().close();
                system.expiryWorker().close();
                system.syncOpenTrades().close();
                dailyReconciliation.close();
                system.refundJob().close();
            } finally {
                redis.ifPresent(RedisFastPath::close);
                database.close();
            }
        }
    }
}
