package dev.ordersystem.faults;

import dev.ordersystem.harness.AppDatabase;
import dev.ordersystem.harness.AppProcess;
import dev.ordersystem.harness.RedisWire;
import dev.ordersystem.harness.ShopApi;
import dev.ordersystem.harness.WireReply;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One run on the cluster: a fresh database (created through any node, replicated to all), three
 * instances, instance n on Galera node n alone and all on the Redis Cluster, one sandbox provider
 * and a webhook receiver, the mixed traffic of {@link FaultRun} (payments included) while {@link ClusterFaultSchedule} injects its faults, then the same checks:
 * drain past expiry + sweep, the webhook and payment checks, the security pass, the §7 audit, the ledger held to the database, and
 * one more: no answer was a 5xx other than 503 (a dependency down is a 503, never a 500), or than the
 * 502/50200 with which the payment routes pass on a provider's refusal (DESIGN §13).
 */
final class ClusterFaultRun {
    /** Traffic goes on at least this long after the last fault recovered: the recovery is proven under load. */
    private static final Duration TAIL = Duration.ofSeconds(15);

    private final ClusterOptions options;
    private final ClusterNodes nodes;
    private final String user;
    private final String password;

    ClusterFaultRun(ClusterOptions options, ClusterNodes nodes, String user, String password) {
        this.options = options;
        this.nodes = nodes;
        this.user = user;
        this.password = password;
    }

    List<String> run() throws Exception {
        long started = System.nanoTime();
        String runId = HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(4).putInt(ThreadLocalRandom.current().nextInt()).array());
        String prefix = "order_fault_" + runId;
        Database db = new Database(ClusterNodes.allNodesUrl(), user, password, prefix);
        Path workDir = AppCluster.tempDir();
        System.out.printf("%n== cluster: %d instances (instance n on Galera node n), %d clients, at least %d s, faults: Galera node %d SIGKILL,"
                        + " Redis primary SIGKILL, instance SIGKILL; database %s, logs in %s%n", ClusterNodes.NODES, options.clients(),
                options.duration().toSeconds(), ClusterFaultSchedule.CRASHED_NODE, db.name(), workDir);
        db.create();
        String adminToken = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(16));
        List<Map<String, String>> envs = new ArrayList<>();
        for (int node = 1; node <= ClusterNodes.NODES; node++) {
            Map<String, String> env = AppProcess.productionEnv(new AppDatabase(ClusterNodes.nodeUrl(node), user, password, db.name()), 0, prefix, adminToken);
            env.put("ORDER_REDIS_URL", ClusterNodes.redisUrl());
            FaultRun.runSettings(env);
            envs.add(env);
        }
        List<String> problems = new ArrayList<>();
        try (SandboxProcess sandbox = new SandboxProcess(options.jar(), workDir);
             WebhookReceiver receiver = new WebhookReceiver()) {
            sandbox.start();
            envs.forEach(env -> env.putAll(sandbox.shopSettings()));
            try (AppCluster cluster = new AppCluster(options.jar(), workDir, envs, FaultRun::notifyAddresses)) {
                runOn(cluster, sandbox, receiver, db, prefix, runId, adminToken, started, problems);
            }
        } finally {
            cleanRedis(prefix);
        }
        if (problems.isEmpty()) db.drop();
        else System.out.println("  database " + db.name() + " kept for inspection");
        System.out.printf("  run %s in %.0f s%n", problems.isEmpty() ? "PASSED" : "FAILED (" + problems.size() + " problems)",
                (System.nanoTime() - started) / 1e9);
        return problems;
    }

    private void runOn(AppCluster cluster, SandboxProcess sandbox, WebhookReceiver receiver, Database db, String prefix, String runId,
                       String adminToken, long started, List<String> problems) throws Exception {
        cluster.start();
        FaultShop shop = new FaultShop(cluster, adminToken);
        FaultRun.subscribe(shop, receiver);
        shop.stock(options.buyers(), runId);
        System.out.printf("  setup: %d instances ready, %d products, %d buyers (%.1f s)%n",
                cluster.size(), shop.products.size(), shop.buyers.size(), (System.nanoTime() - started) / 1e9);

        long trafficStart = System.nanoTime();
        AdminRefunds refunds = new AdminRefunds(shop, db);
        List<Thread> wave = traffic(shop, sandbox, refunds, runId, trafficStart + options.duration().toNanos());
        ClusterFaultSchedule faults = new ClusterFaultSchedule(shop, nodes, options.duration().dividedBy(6));
        Thread faultThread = Thread.ofPlatform().name("cluster-faults").start(faults);
        faultThread.join();
        long faultsEnd = System.nanoTime();
        Map<String, Long> atFaultsEnd = shop.ledger.answers();
        System.out.printf("  faults ended %.1f s into the traffic%n", (faultsEnd - trafficStart) / 1e9);
        for (Thread client : wave) client.join(Duration.ofSeconds(30));
        long tailEnd = faultsEnd + TAIL.toNanos();
        if (System.nanoTime() < tailEnd) {
            for (Thread client : traffic(shop, sandbox, refunds, runId + "t", tailEnd)) client.join(Duration.ofSeconds(30 + TAIL.toSeconds()));
        }
        long trafficEnd = System.nanoTime();
        double trafficSeconds = (trafficEnd - trafficStart) / 1e9;
        if (faults.failure != null) throw faults.failure;
        problems.addAll(faults.findings.problems());
        long okAfter = count(shop.ledger.answers(), " 2") - count(atFaultsEnd, " 2");
        long failedAfter = count(shop.ledger.answers(), " 5") - count(atFaultsEnd, " 5");
        System.out.printf("  after the last fault recovered: %.1f s of traffic, %d 2xx, %d 5xx%n", (trafficEnd - faultsEnd) / 1e9, okAfter, failedAfter);
        if (okAfter == 0) problems.add("no request succeeded after the last fault recovered");

        long drainStart = System.nanoTime();
        cluster.awaitAllReady(Duration.ofSeconds(120));
        while (db.pending() > 0 && System.nanoTime() - drainStart < 180e9) Servers.sleep(500);
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        long stillPending = db.pending();
        if (stillPending > 0) problems.add(stillPending + " orders still PENDING_PAYMENT " + drainSeconds + " s after the run");

        problems.addAll(new WebhookChecks(db, receiver, shop.ledger).run(Duration.ofSeconds(120)));
        problems.addAll(new PaymentChecks(db, shop.payments, sandbox).run());
        RefundChecks refundChecks = new RefundChecks(db, sandbox, refunds, FaultRun.REFUNDS_SETTLE, false);
        problems.addAll(refundChecks.run());
        problems.addAll(new SecurityPass(shop, db, prefix, ClusterNodes.REDIS_PORTS.getFirst(), new ProviderNotifications(sandbox.keys()))
                .run(runId));
        WireReply audit = shop.api.audit(Duration.ofMinutes(2));
        boolean auditOk = ShopApi.clean(audit);
        if (!auditOk) problems.add("audit: " + audit);
        problems.addAll(shop.ledger.problems());
        problems.addAll(db.holdTo(shop.ledger));
        shop.ledger.answers().forEach((answer, n) -> {
            boolean providerRefused = answer.startsWith("payment ") && answer.matches(".* 502 50200( .*)?$");
            if (answer.matches(".* 5\\d\\d( .*)?$") && !answer.matches(".* 503( .*)?$") && !providerRefused) {
                problems.add(n + " answers " + answer + " (a 5xx other than 503)");
            }
        });
        FaultRun.report(shop, db, trafficSeconds, drainSeconds, auditOk, audit);
        System.out.println("  refunds: " + refundChecks.summary);
    }

    /** The clients and the admin's stock and balance changes and refunds until {@code deadline}, as in {@link FaultRun}. */
    private List<Thread> traffic(FaultShop shop, SandboxProcess sandbox, AdminRefunds refunds, String runId, long deadline) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            threads.add(Thread.startVirtualThread(new Shopper(shop, shop.buyers.get(i % shop.buyers.size()), deadline, sandbox)));
        }
        threads.add(Thread.startVirtualThread(() -> FaultRun.adjustStock(shop, deadline)));
        threads.add(Thread.startVirtualThread(() -> FaultRun.topUpBalances(shop, runId, deadline)));
        for (int i = 0; i < AdminRefunds.ADMINS; i++) threads.add(Thread.startVirtualThread(() -> refunds.until(deadline)));
        return threads;
    }

    private static long count(Map<String, Long> answers, String marker) {
        return answers.entrySet().stream().filter(e -> e.getKey().contains(marker)).mapToLong(Map.Entry::getValue).sum();
    }

    /** The run's keys on every primary (each node scans only its own slots). */
    private void cleanRedis(String prefix) {
        try {
            for (int port : nodes.redisPrimaries()) {
                try (RedisWire redis = new RedisWire(port)) {
                    redis.deleteMatching("*" + prefix + "*");
                }
            }
        } catch (IOException e) {
            System.err.println("faults: could not remove Redis keys of " + prefix + ": " + e.getMessage());
        }
    }
}
