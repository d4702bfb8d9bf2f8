package dev.ordersystem.faults;

import dev.ordersystem.harness.AppProcess;
import dev.ordersystem.harness.RedisWire;
import dev.ordersystem.harness.ShopApi;
import dev.ordersystem.harness.WireReply;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One run: a fresh database, N instances, the clients and the faults for the duration, then the
 * wait for expiry + sweep, the security pass, the §7 audit and the ledger held to the database.
 */
final class FaultRun {
    /**
     * How long the refund job may take after the run to settle every refund: a refund whose call failed
     * while the sandbox was down is asked about again after 10 s, then 20 s, 40 s (its backoff).
     */
    static final Duration REFUNDS_SETTLE = Duration.ofSeconds(120);

    private final Options options;
    private final int instances;
    private final Servers servers;
    private final String jdbcServer;
    private final String jdbcUser;
    private final String jdbcPassword;

    FaultRun(Options options, int instances, Servers servers, String jdbcServer, String jdbcUser, String jdbcPassword) {
        this.options = options;
        this.instances = instances;
        this.servers = servers;
        this.jdbcServer = jdbcServer;
        this.jdbcUser = jdbcUser;
        this.jdbcPassword = jdbcPassword;
    }

    /** Runs it; returns the problems found (empty: passed). */
    List<String> run() throws Exception {
        long started = System.nanoTime();
        String runId = HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(4).putInt(ThreadLocalRandom.current().nextInt()).array());
        Database db = new Database(jdbcServer, jdbcUser, jdbcPassword, "order_fault_" + runId);
        String prefix = "order_fault_" + runId;
        Path workDir = AppCluster.tempDir();
        System.out.printf("%n== %d instance(s), %d clients, %d s, faults %s, database %s, logs in %s%n",
                instances, options.clients(), options.duration().toSeconds(),
                options.faults().isEmpty() ? "none" : options.faults().stream().sorted().map(Fault::flag).toList(), db.name(), workDir);
        db.create();
        String adminToken = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(16));
        Map<String, String> env = AppProcess.productionEnv(db, servers.redisPort(), prefix, adminToken);
        runSettings(env);
        List<String> problems = new ArrayList<>();
        try (SandboxProcess sandbox = new SandboxProcess(options.jar(), workDir);
             WebhookReceiver receiver = new WebhookReceiver()) {
            // One sandbox provider for every instance, configured as real providers are (its key files).
            sandbox.start();
            env.putAll(sandbox.shopSettings());
            try (AppCluster cluster = new AppCluster(options.jar(), workDir, instances, env, FaultRun::notifyAddresses)) {
                runOn(cluster, sandbox, receiver, db, prefix, adminToken, runId, started, problems);
            }
        } finally {
            servers.restoreAll();
            cleanRedis(prefix, servers.redisPort());
        }
        if (problems.isEmpty()) db.drop();
        else System.out.println("  database " + db.name() + " kept for inspection");
        System.out.printf("  run %s in %.0f s%n", problems.isEmpty() ? "PASSED" : "FAILED (" + problems.size() + " problems)",
                (System.nanoTime() - started) / 1e9);
        return problems;
    }

    private void runOn(AppCluster cluster, SandboxProcess sandbox, WebhookReceiver receiver, Database db, String prefix, String adminToken,
                       String runId, long started, List<String> problems) throws Exception {
        cluster.start();
        FaultShop shop = new FaultShop(cluster, adminToken);
        subscribe(shop, receiver);
        shop.stock(options.buyers(), runId);
        System.out.printf("  setup: %d instance(s) ready, a sandbox provider, %d products, %d buyers, a webhook receiver (%.1f s)%n",
                instances, shop.products.size(), shop.buyers.size(), (System.nanoTime() - started) / 1e9);

        long trafficStart = System.nanoTime();
        long deadline = trafficStart + options.duration().toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            clients.add(Thread.startVirtualThread(new Shopper(shop, shop.buyers.get(i % shop.buyers.size()), deadline, sandbox)));
        }
        clients.add(Thread.startVirtualThread(() -> adjustStock(shop, deadline)));
        clients.add(Thread.startVirtualThread(() -> topUpBalances(shop, runId, deadline)));
        AdminRefunds refunds = new AdminRefunds(shop, db);
        for (int i = 0; i < AdminRefunds.ADMINS; i++) clients.add(Thread.startVirtualThread(() -> refunds.until(deadline)));
        FaultSchedule faults = new FaultSchedule(shop, servers, sandbox, db, new DelayQueueView(prefix, servers.redisPort()), shop.products.subList(0, 3),
                options.duration(), options.faults());
        Thread faultThread = Thread.ofPlatform().name("faults").start(faults);
        for (Thread client : clients) client.join(Duration.ofSeconds(30));
        long trafficEnd = System.nanoTime();
        double trafficSeconds = (trafficEnd - trafficStart) / 1e9;
        faultThread.join(); // the SIGKILL check waits out a 30 s lease: it may end well after the traffic
        if (faults.failure != null) throw faults.failure;
        problems.addAll(faults.findings.problems());
        System.out.printf("  traffic stopped after %.1f s; the faults (and their checks) ended %.1f s later%n",
                trafficSeconds, Math.max(0, (System.nanoTime() - trafficEnd) / 1e9));

        long drainStart = System.nanoTime();
        cluster.awaitAllReady(Duration.ofSeconds(60));
        while (db.pending() > 0 && System.nanoTime() - drainStart < 120e9) Servers.sleep(500);
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        long stillPending = db.pending();
        if (stillPending > 0) problems.add(stillPending + " orders still PENDING_PAYMENT " + drainSeconds + " s after the run");

        WebhookChecks webhooks = new WebhookChecks(db, receiver, shop.ledger);
        problems.addAll(webhooks.run(Duration.ofSeconds(120)));
        PaymentChecks payments = new PaymentChecks(db, shop.payments, sandbox);
        problems.addAll(payments.run());
        RefundChecks refundChecks = new RefundChecks(db, sandbox, refunds, REFUNDS_SETTLE, options.faults().contains(Fault.LATE_PAYMENTS));
        problems.addAll(refundChecks.run());

        problems.addAll(new SecurityPass(shop, db, prefix, servers.redisPort(), new ProviderNotifications(sandbox.keys())).run(runId));
        WireReply audit = shop.api.audit(FaultShop.REQUEST_TIMEOUT);
        boolean auditOk = ShopApi.clean(audit);
        if (!auditOk) problems.add("audit: " + audit);
        problems.addAll(shop.ledger.problems());
        problems.addAll(db.holdTo(shop.ledger));

        report(shop, db, trafficSeconds, drainSeconds, auditOk, audit);
        System.out.println("  payment loop: " + payments.summary);
        System.out.println("  webhooks: " + (webhooks.summary.isEmpty() ? "not checked (see problems)" : webhooks.summary));
        System.out.println("  refunds: " + refundChecks.summary);
    }

    /**
     * What every instance of a fault run is set to: orders expire after 6 s; webhooks go to the receiver on
     * loopback and are retried within seconds (the defaults wait minutes between tries). Late payments are
     * refunded by the refund job, as by default ({@code ORDER_LATE_PAYMENT_REFUND=auto}): {@link RefundChecks}
     * holds it to that.
     */
    static void runSettings(Map<String, String> env) {
        env.put("ORDER_PAYMENT_TIMEOUT", "PT6S");
        env.put("ORDER_WEBHOOK_ALLOW_PRIVATE", "true");
        env.put("ORDER_WEBHOOK_RETRY_FIRST", "PT1S");
        env.put("ORDER_WEBHOOK_RETRY_MAX", "PT4S");
    }

    /** The notify addresses an instance gives the provider: its own. */
    static Map<String, String> notifyAddresses(URI self) {
        return Map.of("WECHATPAY_NOTIFY_URL", self + "/api/v1/payments/wechat/notify", "ALIPAY_NOTIFY_URL", self + "/api/v1/payments/alipay/notify");
    }

    /** Subscribes the receiver to every event type through the admin route; the secret is shown in that answer only. */
    static void subscribe(FaultShop shop, WebhookReceiver receiver) throws IOException {
        WireReply created = shop.cluster.http(0).send(dev.ordersystem.harness.WireRequest.post("/api/v1/admin/webhooks",
                dev.ordersystem.harness.Json.write(Map.of("url", receiver.url(), "enabled", true))).withToken(shop.adminToken));
        if (created.status() != 201) throw new IllegalStateException("subscribing the webhook receiver: " + created);
        receiver.secret(created.json().path("secret").asText());
    }

    /** The admin moves stock up and down meanwhile (never below zero: a refused take is a 409). */
    static void adjustStock(FaultShop shop, long deadline) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            while (System.nanoTime() < deadline) {
                long product = shop.products.get(random.nextInt(shop.products.size()));
                long delta = random.nextBoolean() ? random.nextInt(1, 20) : -random.nextInt(1, 6);
                shop.call("admin stock", "POST", "/api/v1/admin/products/" + product + "/stock", shop.adminToken,
                        Map.of("delta", delta, "reason", "fault suite recount"), Map.of());
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The admin tops up a random buyer's balance meanwhile, four times a second: each top-up
     * acknowledged with a 200 is a balance change the database must hold afterwards (DESIGN §12),
     * found by its reason, which is unique.
     */
    static void topUpBalances(FaultShop shop, String runId, long deadline) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            for (int n = 1; System.nanoTime() < deadline; n++) {
                FaultShop.Buyer buyer = shop.buyers.get(random.nextInt(shop.buyers.size()));
                long amount = random.nextInt(1, 5_000);
                String reason = "fault top-up " + runId + "-" + n;
                Optional<WireReply> reply = shop.call("admin top-up", "POST", "/api/v1/admin/users/" + buyer.userId() + "/balance",
                        shop.adminToken, Map.of("amount", amount, "reason", reason), Map.of());
                if (reply.isPresent() && reply.get().status() == 200) shop.ledger.balanceChanged(Ledger.BalanceChange.topUp(buyer.userId(), amount, reason));
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void report(FaultShop shop, Database db, double trafficSeconds, double drainSeconds,
                        boolean auditOk, WireReply audit) throws Exception {
        Map<String, Long> answers = shop.ledger.answers();
        long total = shop.ledger.total();
        long ok = sum(answers, " 2"), c4 = sum(answers, " 4"), c5 = sum(answers, " 5");
        long transport = sum(answers, " timeout") + sum(answers, " refused") + sum(answers, " io-error");
        System.out.printf("  traffic: %d requests in %.1f s (%.0f/s): %d 2xx, %d 4xx, %d 5xx, %d without answer (timeout/refused/reset)%n",
                total, trafficSeconds, total / trafficSeconds, ok, c4, c5, transport);
        System.out.printf("  orders: %d told to clients, %d in the database (%s); acknowledged payment notifications: %d%n",
                shop.ledger.orders().size(), db.count("SELECT COUNT(*) FROM orders"), statusCounts(db), shop.ledger.payments().size());
        System.out.printf("  payment records: %s%n", paymentCounts(db));
        System.out.printf("  acknowledged balance changes: %d (%s); balance journal: %s%n", shop.ledger.balanceChanges().size(),
                balanceChangeCounts(shop.ledger), group(db, "SELECT reason, COUNT(*) FROM balance_journal GROUP BY reason ORDER BY reason"));
        System.out.printf("  drained: no order pending %.1f s after the faults ended; audit %s%n", drainSeconds,
                auditOk ? "ok, 0 violations" : audit.toString());
        answers.forEach((k, v) -> { if (!k.matches(".* 2\\d\\d$")) System.out.printf("    %-40s %d%n", k, v); });
    }

    private static String balanceChangeCounts(Ledger ledger) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Ledger.BalanceChange change : ledger.balanceChanges()) counts.merge(change.reason(), 1L, Long::sum);
        return counts.toString();
    }

    private static long sum(Map<String, Long> answers, String marker) {
        return answers.entrySet().stream().filter(e -> e.getKey().contains(marker)).mapToLong(Map.Entry::getValue).sum();
    }

    private static String statusCounts(Database db) throws Exception {
        return group(db, "SELECT status, COUNT(*) FROM orders GROUP BY status ORDER BY status");
    }

    private static String paymentCounts(Database db) throws Exception {
        return group(db, "SELECT status, COUNT(*) FROM payment_record GROUP BY status ORDER BY status");
    }

    private static String group(Database db, String sql) throws Exception {
        StringBuilder text = new StringBuilder();
        try (var c = db.connect(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            while (rs.next()) text.append(text.isEmpty() ? "" : ", ").append(rs.getString(1)).append(' ').append(rs.getLong(2));
        }
        return text.toString();
    }

    private static void cleanRedis(String prefix, int port) {
        try (RedisWire redis = new RedisWire(port)) {
            redis.deleteMatching("*" + prefix + "*");
        } catch (IOException e) {
            System.err.println("faults: could not remove Redis keys of " + prefix + ": " + e.getMessage());
        }
    }

    static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
