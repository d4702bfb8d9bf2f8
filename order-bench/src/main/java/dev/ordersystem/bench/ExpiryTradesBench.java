package dev.ordersystem.bench;

import dev.ordersystem.harness.WireRequest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P6 (DESIGN §11, §13): 10,000 pending orders, each with an open trade at the app's own sandbox
 * provider ({@code ORDER_SANDBOX=true}), expire at one deadline; the app must query/close each trade
 * before it cancels the order. The orders are written in bulk as placement writes them (half
 * WECHAT, half ALIPAY); their trades are started over HTTP, as a buyer's page does
 * ({@code POST /api/v1/orders/{no}/payments}: WeChat NATIVE, Alipay QR), with the deadline an hour
 * ahead; then every order's deadline is moved to a few seconds ahead and its expiry job queued (as
 * P4 does), so the minute of starting does not count. Measured: from the deadline until no order is
 * pending, and until no trade is open; the provider calls per order by operation (the app's
 * {@code payments_provider_calls_total}), their mean latency, the CPU of the app over the expiry,
 * and, beside it, what one RSA-2048 SHA256withRSA signature and verification cost on this machine,
 * since every call is signed and verified on both sides.
 */
final class ExpiryTradesBench {
    static final int ORDERS = 10_000;
    private static final String PREFIX = "9906";
    private static final BulkPendingOrders BULK = new BulkPendingOrders(PREFIX, ORDERS, n -> n % 2 == 0 ? "WECHAT" : "ALIPAY");
    private static final int START_CONCURRENCY = 16;
    private static final Pattern CALLS = Pattern.compile(
            "payments_provider_calls_total\\{([^}]*)\\} ([0-9.E+]+)");
    private static final Pattern TIMER = Pattern.compile(
            "payments_provider_call_seconds_(count|sum)\\{([^}]*)\\} ([0-9.E+-]+)");

    private ExpiryTradesBench() {
    }

    static void run(Report report, Path appJar) throws Exception {
        report.line("");
        report.line("## P6 — 10,000 pending orders with open sandbox trades expiring at one deadline");
        String calls = System.getProperty("bench.providerCalls", "").strip();
        report.line("- app: ORDER_SANDBOX=true, ORDER_PAYMENT_TIMEOUT=PT2M, ORDER_PROVIDER_CALLS="
                + (calls.isEmpty() ? "unset (the default, 8)" : calls));
        rsa(report);
        Map<String, String> env = new java.util.HashMap<>(Map.of("ORDER_SANDBOX", "true", "ORDER_PAYMENT_TIMEOUT", "PT2M"));
        if (!calls.isEmpty()) env.put("ORDER_PROVIDER_CALLS", calls);
        try (BenchShop shop = BenchShop.open("app-expiry-trades", appJar, 1_000, env)) {
            long t0 = System.nanoTime();
            BULK.insert(shop);
            report.line("- bulk insert of 10,000 orders + items + order.placed events + stock: %.1f s".formatted((System.nanoTime() - t0) / 1e9));
            BenchDatabase.Buyers b = shop.buyers;
            CpuMeter startCpu = new CpuMeter();
            LoadResult started = LoadGenerator.counted("P6 start payments", START_CONCURRENCY, ORDERS, Duration.ofMinutes(10), n -> {
                int i = (int) n;
                boolean wechat = i % 2 == 0;
                return shop.http.status("POST", "/api/v1/orders/" + BULK.orderNo(i) + "/payments", b.tokens()[i % b.size()],
                        wechat ? "{\"channel\":\"WECHAT\",\"scene\":\"NATIVE\"}" : "{\"channel\":\"ALIPAY\",\"scene\":\"QR\"}");
            }, s -> s == 201);
            report.line("- trades started over HTTP at %d concurrent: %d of %d answered 201 in %.1f s (%.0f/s, p50 %.1f ms, p99 %.1f ms); CPU %s"
                    .formatted(START_CONCURRENCY, started.succeeded(), started.total(), started.seconds(), started.succeededPerSecond(),
                            started.p50Ms(), started.p99Ms(), startCpu.stop()));
            long open = openTrades(shop);
            if (open != ORDERS) report.fail("P6: %d open trades after the starts, expected %d (first failure: %s)"
                    .formatted(open, ORDERS, started.firstFailure()));
            Map<String, Double> before = providerCalls(shop);

            Instant deadline = Instant.now().plusSeconds(10);
            BULK.dueAt(shop, deadline);
            while (Instant.now().isBefore(deadline)) Thread.sleep(20);
            CpuMeter expiryCpu = new CpuMeter();
            Instant cancelledAt = null;
            Instant closedAt = null;
            long pending = ORDERS;
            while (Instant.now().isBefore(deadline.plusSeconds(300)) && (cancelledAt == null || closedAt == null)) {
                Thread.sleep(250);
                try {
                    pending = pending(shop);
                    open = openTrades(shop);
                } catch (java.sql.SQLException e) {
                    report.line("- (count failed, retrying: " + e.getMessage() + ")");
                    continue;
                }
                if (cancelledAt == null && pending == 0) cancelledAt = Instant.now();
                if (closedAt == null && open == 0) closedAt = Instant.now();
            }
            String cpu = expiryCpu.stop();
            if (cancelledAt == null || closedAt == null) {
                report.fail("P6: %d orders still pending, %d trades open %d s after the deadline"
                        .formatted(pending, open, Duration.between(deadline, Instant.now()).toSeconds()));
            } else {
                double all = Duration.between(deadline, cancelledAt.isAfter(closedAt) ? cancelledAt : closedAt).toMillis() / 1e3;
                report.line("- no order pending %.1f s after the deadline, no trade open %.1f s after it (target ≤ 120 s: %s); "
                        .formatted(Duration.between(deadline, cancelledAt).toMillis() / 1e3,
                                Duration.between(deadline, closedAt).toMillis() / 1e3, all <= 120 ? "MET" : "NOT MET")
                        + "%.0f orders/s; CPU over that time %s".formatted(ORDERS / all, cpu));
            }
            long cancelled = shop.db.count("SELECT COUNT(*) FROM orders WHERE order_no LIKE '" + PREFIX + "%' AND status = 'CANCELLED'");
            long closed = shop.db.count("SELECT COUNT(*) FROM payment_attempt WHERE order_no LIKE '" + PREFIX + "%' AND state = 'CLOSED'");
            report.line("- orders cancelled: %d; trades closed: %d".formatted(cancelled, closed));
            Map<String, Double> after = providerCalls(shop);
            report.line("- provider calls during the expiry, per order (app metric payments_provider_calls_total):");
            after.forEach((key, value) -> {
                double delta = value - before.getOrDefault(key, 0.0);
                if (delta > 0 && !key.startsWith("timer")) {
                    report.line("  - %s: %.0f (%.2f per order)".formatted(key, delta, delta / ORDERS));
                }
            });
            after.forEach((key, value) -> {
                if (key.startsWith("timer count ")) {
                    String op = key.substring("timer count ".length());
                    double n = value - before.getOrDefault(key, 0.0);
                    double sum = after.getOrDefault("timer sum " + op, 0.0) - before.getOrDefault("timer sum " + op, 0.0);
                    if (n > 0) report.line("  - mean latency of %s: %.1f ms over %.0f calls".formatted(op, 1e3 * sum / n, n));
                }
            });
            shop.audit(report, "P6");
        }
    }

    /**
     * One RSA-2048 SHA256withRSA signature and one verification over a request-sized message, as each provider
     * call costs: the caller signs its request, the sandbox verifies it and signs its answer, the caller verifies that.
     */
    private static void rsa(Report report) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        byte[] message = ("POST\n/v3/pay/transactions/out-trade-no/20261207171019744000008_1/close\n1733590000\n"
                + "5K8264ILTKCH16CQ2502SI8ZNMTM67VS\n{\"mchid\":\"1900000001\"}\n").getBytes(StandardCharsets.UTF_8);
        byte[] signature = null;
        for (int i = 0; i < 500; i++) signature = sign(keys, message); // warm-up
        int rounds = 2_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) signature = sign(keys, message);
        double signUs = (System.nanoTime() - t0) / 1e3 / rounds;
        for (int i = 0; i < 500; i++) verify(keys, message, signature);
        t0 = System.nanoTime();
        for (int i = 0; i < rounds * 5; i++) verify(keys, message, signature);
        double verifyUs = (System.nanoTime() - t0) / 1e3 / (rounds * 5);
        report.line("- RSA-2048 SHA256withRSA on this machine, one thread of the bench JVM: sign %.0f µs, verify %.0f µs "
                .formatted(signUs, verifyUs) + "(a provider call on the sandbox: 2 signatures + 2 verifications ≈ %.1f ms of CPU)"
                .formatted((2 * signUs + 2 * verifyUs) / 1e3));
    }

    private static byte[] sign(KeyPair keys, byte[] message) throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(keys.getPrivate());
        s.update(message);
        return s.sign();
    }

    private static void verify(KeyPair keys, byte[] message, byte[] signature) throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initVerify(keys.getPublic());
        s.update(message);
        if (!s.verify(signature)) throw new IllegalStateException("signature does not verify");
    }

    /** The calls counter by operation and outcome, and the call timer's count and sum by operation, summed over channels. */
    private static Map<String, Double> providerCalls(BenchShop shop) throws Exception {
        Map<String, Double> values = new TreeMap<>();
        for (String line : shop.http.send(WireRequest.get("/metrics")).text().lines().toList()) {
            Matcher calls = CALLS.matcher(line);
            if (calls.matches()) {
                values.merge(label(calls.group(1), "operation") + " → " + label(calls.group(1), "outcome"),
                        Double.parseDouble(calls.group(2)), Double::sum);
            }
            Matcher timer = TIMER.matcher(line);
            if (timer.matches()) {
                values.merge("timer " + timer.group(1) + " " + label(timer.group(2), "operation"), Double.parseDouble(timer.group(3)),
                        Double::sum);
            }
        }
        return values;
    }

    private static String label(String labels, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(labels);
        return m.find() ? m.group(1) : "?";
    }

    private static long pending(BenchShop shop) throws Exception {
        return shop.db.count("SELECT COUNT(*) FROM orders WHERE order_no LIKE '" + PREFIX + "%' AND status = 'PENDING_PAYMENT'");
    }

    private static long openTrades(BenchShop shop) throws Exception {
        return shop.db.count("SELECT COUNT(*) FROM payment_attempt WHERE order_no LIKE '" + PREFIX + "%' AND state IN ('STARTING', 'OPEN')");
    }
}
