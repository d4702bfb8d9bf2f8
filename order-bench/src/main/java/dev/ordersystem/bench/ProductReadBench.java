package dev.ordersystem.bench;

import dev.ordersystem.harness.AppProcess;
import dev.ordersystem.harness.WireHttp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * P3: {@code GET /api/v1/products/{id}} over 100 products (served from the Redis cache after the
 * first read) against a bare Javalin handler answering a body of the same shape from memory,
 * each in its own JVM, the same load generator, the same levels.
 */
final class ProductReadBench {
    static final int[] LEVELS = {32, 128};
    private static final int HOT = 100;

    private ProductReadBench() {
    }

    static void run(Report report, Path appJar, Path benchJar, Duration warmup, Duration measure) throws Exception {
        report.line("");
        report.line("## P3 — cached product detail vs a bare Javalin handler");
        List<LoadResult> results = new ArrayList<>();
        List<String> ratios = new ArrayList<>();
        try (BenchShop shop = BenchShop.open("app-read", appJar, 1_000);
             AppProcess bare = AppProcess.started(List.of("-Xmx512m", "-cp", benchJar.toString(), BareServer.class.getName()),
                     Map.of(), Path.of("."), Bench.log("bare-javalin"), Duration.ofSeconds(60))) {
            WireHttp bareHttp = bare.http();
            // Steady state for both JVMs before the first measured point (JIT warm-up, not reported).
            LoadGenerator.timed("JIT warm-up", 32, Duration.ZERO, Duration.ofSeconds(5),
                    n -> shop.http.status("GET", "/api/v1/products/" + (shop.firstProduct + n % HOT), null, null), s -> s == 200);
            LoadGenerator.timed("JIT warm-up", 32, Duration.ZERO, Duration.ofSeconds(5),
                    n -> bareHttp.status("GET", "/api/v1/products/" + (1 + n % HOT), null, null), s -> s == 200);
            for (int c : LEVELS) {
                LoadResult app = LoadGenerator.timed("P3 app, cached detail", c, warmup, measure,
                        n -> shop.http.status("GET", "/api/v1/products/" + (shop.firstProduct + n % HOT), null, null), s -> s == 200);
                CpuMeter.watchApp(bare.pid());
                LoadResult ref = LoadGenerator.timed("P3 bare Javalin", c, warmup, measure,
                        n -> bareHttp.status("GET", "/api/v1/products/" + (1 + n % HOT), null, null), s -> s == 200);
                CpuMeter.watchApp(shop.app.pid());
                results.add(app);
                results.add(ref);
                double share = app.succeededPerSecond() / ref.succeededPerSecond();
                ratios.add("| %d | %.0f | %.0f | %.0f %% | %s |".formatted(c, app.succeededPerSecond(), ref.succeededPerSecond(),
                        100 * share, app.succeededPerSecond() >= 20_000 && share >= 0.6 ? "MET" : "NOT MET"));
            }
            report.table("P3 per level", results);
            report.line("| conc. | app req/s | bare req/s | app / bare | target ≥ 20,000 req/s and ≥ 60 % |");
            report.line("|---:|---:|---:|---:|---|");
            ratios.forEach(report::line);
            report.line("");
            shop.audit(report, "P3");
        }
    }
}
