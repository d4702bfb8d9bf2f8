package dev.ordersystem.http;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.http.auth.Callers;
import dev.ordersystem.http.auth.AuthThrottle;
import dev.ordersystem.http.client.ClientAddresses;
import dev.ordersystem.http.console.ConsolePages;
import dev.ordersystem.http.cors.Cors;
import dev.ordersystem.http.json.JsonBodies;
import dev.ordersystem.http.json.JsonCodec;
import dev.ordersystem.http.observe.HttpMetrics;
import dev.ordersystem.http.observe.RequestIds;
import dev.ordersystem.http.observe.ShopMetrics;
import dev.ordersystem.http.payment.AlipayNotifications;
import dev.ordersystem.http.payment.NotificationIntake;
import dev.ordersystem.http.payment.PaymentChannels;
import dev.ordersystem.http.payment.WechatNotifications;
import dev.ordersystem.http.problem.JettyProblemHandler;
import dev.ordersystem.http.problem.ProblemResponder;
import dev.ordersystem.http.problem.ProblemTexts;
import dev.ordersystem.http.problem.Problems;
import dev.ordersystem.http.route.AccountRoutes;
import dev.ordersystem.http.route.AdminAuditRoutes;
import dev.ordersystem.http.route.AdminDashboardRoutes;
import dev.ordersystem.http.route.AdminOrderRoutes;
import dev.ordersystem.http.route.AdminPaymentRoutes;
import dev.ordersystem.http.route.AdminReconciliationRoutes;
import dev.ordersystem.http.route.AdminWebhookRoutes;
import dev.ordersystem.http.route.AdminProductRoutes;
import dev.ordersystem.http.route.AdminUserRoutes;
import dev.ordersystem.http.route.AuthRoutes;
import dev.ordersystem.http.route.HeadLikeGet;
import dev.ordersystem.http.route.HealthRoutes;
import dev.ordersystem.http.route.JsonReplies;
import dev.ordersystem.http.route.OpenApiRoute;
import dev.ordersystem.http.route.OrderRoutes;
import dev.ordersystem.http.route.PaymentNotifyRoutes;
import dev.ordersystem.http.route.RefundNotifyRoutes;
import dev.ordersystem.http.route.PaymentRoutes;
import dev.ordersystem.http.route.SandboxPaymentRoutes;
import dev.ordersystem.http.route.ProductRoutes;
import dev.ordersystem.http.sandbox.SandboxProvider;
import dev.ordersystem.http.sandbox.SandboxProviderRoutes;
import dev.ordersystem.core.usecase.payment.ReconcileBill;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the HTTP API (DESIGN §9–§10) over an {@link OrderSystem}. Nothing here is static: every
 * call returns an independent server, not yet started — call {@code start(port)} on it (port 0
 * picks a free one) and {@code stop()} to shut down gracefully.
 *
 * <pre>{@code
 * Javalin api = HttpApi.create(system, HttpSettings.defaults(adminToken), registry, readiness);
 * api.start(8080);
 * }</pre>
 *
 * The meter registry is shared on purpose: the app registers its own meters (delay-queue lag,
 * connection-pool usage) on the same registry and {@code /metrics} shows them all.
 */
public final class HttpApi {
    /** Connections waiting to be accepted (Linux caps it at net.core.somaxconn, 4096 by default). */
    public static final int ACCEPT_QUEUE = 1024;

    private HttpApi() {
    }

    public static Javalin create(OrderSystem system, HttpSettings settings, PrometheusMeterRegistry metrics,
                                 ReadinessCheck readiness) {
        return create(system, settings, metrics, readiness, Clock.systemUTC());
    }

    public static Javalin create(OrderSystem system, HttpSettings settings, PrometheusMeterRegistry metrics,
                                 ReadinessCheck readiness, Clock clock) {
        return create(system, settings, metrics, readiness, clock, PaymentChannels.none());
    }

    /** With provider notifications: the channels in {@code payments} get their notify routes answered. */
    public static Javalin create(OrderSystem system, HttpSettings settings, PrometheusMeterRegistry metrics,
                                 ReadinessCheck readiness, Clock clock, PaymentChannels payments) {
        return create(system, settings, metrics, readiness, clock, payments, Optional.empty());
    }

    /** With reconciliation of the providers' bills (DESIGN §14) answered by the admin routes. */
    public static Javalin create(OrderSystem system, HttpSettings settings, PrometheusMeterRegistry metrics,
                                 ReadinessCheck readiness, Clock clock, PaymentChannels payments,
                                 Optional<ReconcileBill> reconciliation) {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(payments, "payments");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(readiness, "readiness");
        Javalin app = Javalin.create(config -> configure(config, system, settings, metrics, readiness, clock, payments, reconciliation));
        HeadLikeGet.register(app.unsafe.internalRouter);
        return app;
    }

    /**
     * A flash sale opens many connections at once: beyond the listen backlog (the JDK's default
     * is 50) the kernel drops them, and clients see a 1 s SYN retry or a reset. Set on every
     * connector just before it opens.
     */
    private static void queueNewConnections(Server server) {
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof ServerConnector network) network.setAcceptQueueSize(ACCEPT_QUEUE);
                }
            }
        });
    }

    private static void configure(JavalinConfig config, OrderSystem system, HttpSettings settings,
                                  PrometheusMeterRegistry registry, ReadinessCheck readiness, Clock clock,
                                  PaymentChannels payments, Optional<ReconcileBill> reconciliation) {
        JsonCodec codec = new JsonCodec();
        Problems problems = new Problems(ProblemTexts.load());
        JsonBodies bodies = new JsonBodies(codec);
        JsonReplies replies = new JsonReplies(codec);
        Callers callers = new Callers(system.sessions(), settings.adminToken());
        ShopMetrics shopMetrics = new ShopMetrics(registry);
        RequestIds requestIds = new RequestIds();
        Cors cors = new Cors(settings.cors());

        config.startup.showJavalinBanner = false;
        config.concurrency.useVirtualThreads = settings.virtualThreads();
        config.http.maxRequestSize = JsonBodies.MAX_BODY_BYTES;
        config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
        // Requests Jetty refuses before any route (an encoded NUL in the URI, bad UTF-8, ...)
        // get problem+json too, not Jetty's HTML error page.
        config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblemHandler(codec, problems, cors)));
        config.jetty.modifyServer(HttpApi::queueNewConnections);
        config.requestLogger.http(new HttpMetrics(registry)::finish);

        RoutesConfig routes = config.routes;
        routes.before(requestIds::begin);
        routes.before(new ClientAddresses(settings.proxies())::begin);
        // Before every guard (the admin one runs after all before-handlers): a preflight is
        // answered here, and every answer after carries the headers.
        routes.before(cors::begin);
        // One guard for the whole admin tree, so no admin route can forget it.
        routes.beforeMatched("/api/v1/admin/*", callers::requireAdmin);
        new ProblemResponder(codec, problems).register(routes);

        new AuthRoutes(system, bodies, replies, callers, new AuthThrottle(system.attemptBudgets(), settings, registry)).register(routes);
        new AccountRoutes(system, bodies, replies, callers).register(routes);
        new ProductRoutes(system, replies, codec).register(routes);
        new OrderRoutes(system, bodies, replies, callers, shopMetrics, clock).register(routes);
        new PaymentRoutes(system, bodies, replies, callers).register(routes);
        new AdminProductRoutes(system, bodies, replies).register(routes);
        new AdminUserRoutes(system, bodies, replies).register(routes);
        new AdminOrderRoutes(system, bodies, replies, shopMetrics).register(routes);
        new AdminPaymentRoutes(system, replies).register(routes);
        new AdminReconciliationRoutes(reconciliation, bodies, replies).register(routes);
        new AdminAuditRoutes(system, replies).register(routes);
        new AdminDashboardRoutes(system, replies).register(routes);
        new AdminWebhookRoutes(system, bodies, replies).register(routes);
        PaymentNotifyRoutes notify = new PaymentNotifyRoutes(
                payments.wechat().map(keys -> new WechatNotifications(keys, clock)),
                payments.alipay().map(keys -> new AlipayNotifications(keys, clock)),
                new NotificationIntake(system.applyPayment(), registry));
        notify.register(routes);
        new RefundNotifyRoutes(system, payments.wechat().map(keys -> new WechatNotifications(keys, clock)), registry).register(routes);
        new SandboxPaymentRoutes(system, payments.sandbox(), notify, bodies, replies).register(routes);
        // The provider simulator (DESIGN §13) exists only in the sandbox; it mimics the providers' APIs, not ours.
        payments.sandbox().ifPresent(keys -> new SandboxProviderRoutes(new SandboxProvider(keys, clock)).register(routes));
        new HealthRoutes(readiness, registry, replies).register(routes);
        new OpenApiRoute().register(routes);
        new ConsolePages().register(routes);
    }
}
