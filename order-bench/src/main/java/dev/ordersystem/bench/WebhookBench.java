package dev.ordersystem.bench;

import com.sun.net.httpserver.HttpServer;
import dev.ordersystem.harness.WireReply;
import dev.ordersystem.harness.WireRequest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 16's performance goal: P1 at 32 with one subscribed webhook endpoint against P1 without
 * one, in the same run on the same app: without, with, without (the endpoint disabled), with again,
 * so the machine's drift shows. The receiver is a JDK HttpServer in this process answering 204.
 * Every placement writes its outbox row either way; the endpoint adds the deliveries. Each point
 * starts from the same state: the JIT warmed as for {@code place} (30 s), and no delivery pending
 * (the previous point's are drained first), so a point without the endpoint has no webhook work and
 * one with it delivers its own events, not the ones before.
 */
final class WebhookBench {
    private static final int CONCURRENCY = 32;

    private WebhookBench() {
    }

    static void run(Report report, Path appJar, Duration warmup, Duration measure) throws Exception {
        report.line("");
        report.line("## P1 with webhooks — place order at 32, without and with one subscribed endpoint (same app, alternating)");
        AtomicLong received = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        receiver.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.start();
        Map<String, String> env = new java.util.HashMap<>(Map.of("ORDER_WEBHOOK_ALLOW_PRIVATE", "true"));
        // BENCH_WEBHOOK_BUSY_RATE: the app's ORDER_WEBHOOK_BUSY_RATE (unset: the app's default), e.g. 0 to measure unpaced deliveries.
        String busyRate = System.getProperty("bench.webhookBusyRate", "").strip();
        if (!busyRate.isEmpty()) env.put("ORDER_WEBHOOK_BUSY_RATE", busyRate);
        report.line("- deliveries yield to queueing placements at ORDER_WEBHOOK_BUSY_RATE=" + (busyRate.isEmpty() ? "the app's default" : busyRate));
        try (BenchShop shop = BenchShop.open("app-webhooks", appJar, 1_000_000, env)) {
            BenchDatabase.Buyers b = shop.buyers;
            LoadGenerator.timed("JIT warm-up", CONCURRENCY, Duration.ZERO, Duration.ofSeconds(30), n -> place(shop, b, n + 5_000),
                    s -> s == 201);
            report.line("- the app served 30 s of placements at 32 before the first measured point (JIT warm-up, not reported)");
            WireReply created = shop.http.send(WireRequest.post("/api/v1/admin/webhooks",
                    "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks\",\"enabled\":false}")
                    .withToken(BenchShop.ADMIN_TOKEN));
            if (created.status() != 201) throw new IllegalStateException("creating the endpoint: " + created);
            long endpoint = created.json().get("id").asLong();
            List<LoadResult> results = new ArrayList<>();
            List<String> rows = new ArrayList<>();
            long offset = 20_000;
            LoadResult without = null;
            List<String> drains = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                boolean enabled = round % 2 == 1;
                if (round > 0) drains.add("%.1f s".formatted(drained(shop, Duration.ofMinutes(3)) / 1000.0));
                WireReply patched = shop.http.send(WireRequest.of("PATCH", "/api/v1/admin/webhooks/" + endpoint)
                        .withBody("{\"enabled\":" + enabled + "}").withToken(BenchShop.ADMIN_TOKEN));
                if (patched.status() != 200) throw new IllegalStateException("switching the endpoint: " + patched);
                long base = offset;
                LoadResult r = LoadGenerator.timed(enabled ? "P1, one endpoint" : "P1, no endpoint", CONCURRENCY, warmup, measure,
                        n -> place(shop, b, base + n), s -> s == 201);
                offset += 1_000_000;
                results.add(r);
                if (!enabled) {
                    without = r;
                } else {
                    // Where the deliveries stood when the point ended (they may yield to placements, DeliveryPacing).
                    long pending = pending(shop);
                    long oldest = shop.db.count("SELECT COALESCE(TIMESTAMPDIFF(SECOND, MIN(created_at), UTC_TIMESTAMP(6)), 0)"
                            + " FROM webhook_delivery WHERE status = 'PENDING'");
                    rows.add("| %d | %.0f | %.0f | %.0f %% | %.1f ms | %.1f ms | %d, oldest %d s |".formatted(round / 2 + 1,
                            without.succeededPerSecond(), r.succeededPerSecond(),
                            100 * r.succeededPerSecond() / without.succeededPerSecond(), without.p99Ms(), r.p99Ms(), pending, oldest));
                }
            }
            report.table("P1 at 32 without / with one endpoint", results);
            report.line("| pair | no endpoint orders/s | one endpoint orders/s | with / without | p99 without | p99 with |"
                    + " deliveries pending at the end of the point |");
            report.line("|---:|---:|---:|---:|---:|---:|---:|");
            rows.forEach(report::line);
            report.line("");
            report.line("- before each point after the first, the deliveries still pending were drained (waits: " + String.join(", ", drains)
                    + "): each point started with none");
            // Every delivery must go: wait until none is pending (the worker catches up once placements stop).
            long caughtUpMillis = drained(shop, Duration.ofMinutes(5));
            long pending = pending(shop);
            long deliveries = shop.db.count("SELECT COUNT(*) FROM webhook_delivery");
            long delivered = shop.db.count("SELECT COUNT(*) FROM webhook_delivery WHERE status = 'DELIVERED'");
            long worstLag = shop.db.count("SELECT COALESCE(MAX(TIMESTAMPDIFF(SECOND, created_at, settled_at)), 0) FROM webhook_delivery");
            report.line("- deliveries: %d queued, %d delivered, %d still pending %.1f s after the last point; the receiver got %d requests;"
                    .formatted(deliveries, delivered, pending, caughtUpMillis / 1000.0, received.get())
                    + " the longest a delivery waited from its event's publishing to its answer: %d s".formatted(worstLag));
            if (pending != 0 || delivered != deliveries || received.get() < delivered) {
                report.fail("webhooks: not every delivery was made (" + delivered + " of " + deliveries + ", " + pending + " pending)");
            }
            shop.audit(report, "P1 with webhooks");
        } finally {
            receiver.stop(0);
        }
    }

    /** Waits up to {@code limit} until no delivery is pending; answers how long it waited (ms). */
    private static long drained(BenchShop shop, Duration limit) throws Exception {
        long start = System.nanoTime();
        while (pending(shop) > 0 && System.nanoTime() - start < limit.toNanos()) Thread.sleep(500);
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private static long pending(BenchShop shop) throws Exception {
        return shop.db.count("SELECT COUNT(*) FROM webhook_delivery WHERE status = 'PENDING'");
    }

    private static int place(BenchShop shop, BenchDatabase.Buyers b, long n) throws java.io.IOException {
        int i = (int) (n % b.size());
        long product = shop.firstProduct + (n * 7 + n / BenchShop.BUYERS) % BenchShop.PRODUCTS;
        return shop.http.status("POST", "/api/v1/orders", b.tokens()[i], BenchShop.orderBody(product, b.addressIds()[i]));
    }
}
