package dev.ordersystem.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The benchmark suite of DESIGN §11. {@code Bench <scenario>} with scenario one of
 * {@code place} (P0 + P1), {@code flash} (P2), {@code read} (P3), {@code expiry} (P4), {@code trades} (P6),
 * {@code start} (P5 start; P5 memory is sampled inside place and flash) or {@code all}.
 * Run from the repository root (bin/bench does): it starts the app jar itself, on the local
 * MariaDB (database {@code order_bench}, recreated) and Redis (prefix {@code bench}, cleared).
 * The report is printed and written to {@code docs/bench-results/<time>-<scenario>.md}.
 * Exit code 1 when an invariant or a count is broken.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args.length == 0 ? "all" : args[0];
        Duration warmup = Duration.parse(System.getProperty("bench.warmup", "PT10S"));
        Duration measure = Duration.parse(System.getProperty("bench.measure", "PT10S"));
        Path appJar = Path.of("order-app/target/order-app.jar").toAbsolutePath();
        Path benchJar = Path.of("order-bench/target/order-bench.jar").toAbsolutePath();
        if (!Files.exists(appJar)) throw new IllegalStateException("build the app jar first: " + appJar);
        Report report = new Report();
        machine(report, scenario, warmup, measure);
        long t0 = System.nanoTime();
        List<String> chosen = scenario.equals("all") ? List.of("start", "place", "flash", "read", "expiry", "trades") : List.of(scenario);
        for (String s : chosen) {
            switch (s) {
                case "place" -> PlaceOrderBench.run(report, appJar, warmup, measure);
                case "flash" -> FlashSaleBench.run(report, appJar, warmup, measure);
                case "read" -> ProductReadBench.run(report, appJar, benchJar, warmup, measure);
                case "expiry" -> ExpiryBench.run(report, appJar);
                case "trades" -> ExpiryTradesBench.run(report, appJar);
                case "start" -> StartBench.run(report, appJar);
                case "webhooks" -> WebhookBench.run(report, appJar, warmup, measure);
                case "cluster" -> ClusterBench.run(report, appJar, warmup, measure);
                default -> throw new IllegalArgumentException("unknown scenario " + s
                        + " (place, flash, read, expiry, trades, start, webhooks, cluster, all)");
            }
        }
        report.line("");
        report.line("- suite time %.0f s; load average after: %s".formatted((System.nanoTime() - t0) / 1e9, loadAverage()));
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
        Path file = report.write(Path.of("docs", "bench-results"), stamp + "-" + scenario + ".md");
        System.out.println("report: " + file);
        System.exit(report.failed() ? 1 : 0);
    }

    private static void machine(Report report, String scenario, Duration warmup, Duration measure) throws Exception {
        report.line("# Benchmark run: " + scenario + " (" + LocalDateTime.now().withNano(0) + ")");
        report.line("");
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.replaceFirst(".*:\\s*", "")).orElse("?");
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        report.line("- machine: %d cores (%s), %s; JDK %s".formatted(Runtime.getRuntime().availableProcessors(), cpu, mem,
                System.getProperty("java.version")));
        report.line("- app: order-app.jar, -Xmx512m, MariaDB at 127.0.0.1:3306 (database order_bench), Redis at 127.0.0.1:6379; "
                + "app, database, Redis and load generator on this one machine, loopback only");
        try (var c = BenchDatabase.SCHEMA.connectServer();
             var s = c.createStatement();
             var r = s.executeQuery("SELECT VERSION(), @@innodb_flush_log_at_trx_commit, @@innodb_buffer_pool_size / 1048576")) {
            r.next();
            report.line("- database: %s, innodb_flush_log_at_trx_commit=%s (durable commits), buffer pool %s MiB"
                    .formatted(r.getString(1), r.getString(2), r.getString(3)));
        }
        report.line("- each load point: %d s warm-up, %d s measured; closed loop (each virtual thread sends its next request when the last one answered)"
                .formatted(warmup.toSeconds(), measure.toSeconds()));
        report.line("- load average before: " + loadAverage());
    }

    /** Where a JVM the suite starts writes its output. */
    static Path log(String name) {
        return Path.of("order-bench", "target", "bench-logs", name + ".log");
    }

    static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
