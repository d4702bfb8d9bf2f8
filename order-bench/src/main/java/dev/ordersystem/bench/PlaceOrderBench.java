package dev.ordersystem.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * P0 and P1 in one run, level by level: the raw-JDBC ceiling, then the same orders over HTTP
 * against the app, at the same concurrency and with the app's pool size. Buyer and product of
 * call n are fixed by n (no buyer sends the same cart twice within the 5 s duplicate window).
 */
final class PlaceOrderBench {
    static final int[] LEVELS = {8, 32, 128};

    private PlaceOrderBench() {
    }

    static void run(Report report, Path appJar, Duration warmup, Duration measure) throws Exception {
        report.line("");
        report.line("## P0 / P1 — place order: raw-JDBC ceiling vs HTTP (1,000 products, 10,000 buyers, WECHAT, one line)");
        try (BenchShop shop = BenchShop.open("app-place", appJar, 1_000_000)) {
            BenchDatabase.Buyers b = shop.buyers;
            int pool = BenchDatabase.appPoolSize();
            report.line("- pool size of both: " + pool + " connections (the app's default: cores × 2 + 1)");
            // Steady state: the JIT compiles both shapes of the placement path before the first
            // measured point: a lone placement written on the buyer's thread (few buyers) and groups
            // taken from the queue (many). 10 s at 32 alone left C2 compiling PlaceOrder, the
            // transaction body and the route during the measured P1 at 8 (docs/BENCHMARKS.md).
            int[] warmups = {8, 32, 8};
            for (int phase = 0; phase < warmups.length; phase++) {
                int shift = phase * 337; // a buyer seen in the last phase gets another cart: no duplicate-cart refusals
                LoadGenerator.timed("JIT warm-up", warmups[phase], Duration.ZERO, Duration.ofSeconds(10), n -> {
                    int i = (int) ((n + 5_000) % b.size());
                    long product = shop.firstProduct + (n + shift) % BenchShop.PRODUCTS;
                    return shop.http.status("POST", "/api/v1/orders", b.tokens()[i], BenchShop.orderBody(product, b.addressIds()[i]));
                }, s -> s == 201);
            }
            report.line("- the app served 30 s of placements (10 s each at 8, 32, 8 buyers) before the first measured point (JIT warm-up, not reported)");
            List<LoadResult> results = new ArrayList<>();
            List<String> ratios = new ArrayList<>();
            try (BenchDatabase raw = BenchDatabase.open(pool)) {
                RawPlacement p0 = new RawPlacement(raw, "9900");
                for (int c : levels()) {
                    LoadResult ceiling = LoadGenerator.timed("P0 raw JDBC", c, warmup, measure, n -> {
                        int i = (int) (n % b.size());
                        return p0.place(b.tokens()[i], b.addressIds()[i], product(shop, n), RawPlacement.StockLock.CONDITIONAL_UPDATE);
                    }, s -> s == 201);
                    AppMetrics before = AppMetrics.of(shop.http);
                    LoadResult http = LoadGenerator.timed("P1 HTTP", c, warmup, measure, n -> {
                        int i = (int) (n % b.size());
                        return shop.http.status("POST", "/api/v1/orders", b.tokens()[i], BenchShop.orderBody(product(shop, n), b.addressIds()[i]));
                    }, s -> s == 201);
                    AppMetrics after = AppMetrics.of(shop.http);
                    results.add(ceiling);
                    results.add(http);
                    ratios.add("| %d | %.0f | %.0f | %.0f %% | %.1f ms | %.2f |".formatted(c, ceiling.succeededPerSecond(),
                            http.succeededPerSecond(), 100 * http.succeededPerSecond() / ceiling.succeededPerSecond(), http.p99Ms(),
                            after.ordersPerPlacementTransactionSince(before)));
                }
            }
            report.table("P0 and P1 per level", results);
            // Orders per placement transaction (warm-up and measured window of the point): 1 means every
            // placement committed alone; the group commit shows as more.
            report.line("| conc. | P0 orders/s | P1 orders/s | P1 / P0 | P1 p99 | P1 orders per transaction |");
            report.line("|---:|---:|---:|---:|---:|---:|");
            ratios.forEach(report::line);
            report.line("");
            report.line("- P5 memory of the app (-Xmx512m) after P1 at 128: " + JvmProbe.heapAfterGc(shop.app.pid()));
            shop.audit(report, "P0/P1");
        }
    }

    /** {@link #LEVELS}, or the comma-separated levels of {@code -Dbench.levels} (one point looked at closely). */
    private static int[] levels() {
        String only = System.getProperty("bench.levels", "").strip();
        return only.isEmpty() ? LEVELS : Arrays.stream(only.split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    }

    /** Spreads orders over the 1,000 products; a buyer's next call (n + 10,000) takes the next product. */
    private static long product(BenchShop shop, long n) {
        return shop.firstProduct + (n * 7 + n / BenchShop.BUYERS) % BenchShop.PRODUCTS;
    }
}
