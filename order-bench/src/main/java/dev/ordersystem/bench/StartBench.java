package dev.ordersystem.bench;

import dev.ordersystem.harness.AppProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * P5 start time: the embedded default (no configuration: H2 file database, in-process fast path,
 * demo data), from process spawn until {@code /health/ready} answers 200 — JVM start included.
 * First start on an empty data directory (migrations + demo seed), then two restarts on it.
 */
final class StartBench {
    private StartBench() {
    }

    static void run(Report report, Path appJar) throws Exception {
        report.line("");
        report.line("## P5 — start of the embedded default (spawn → /health/ready 200)");
        Path dir = Files.createTempDirectory("order-bench-embedded");
        String[] labels = {"first start, empty data directory", "restart", "restart"};
        for (String label : labels) {
            try (AppProcess app = new AppProcess(List.of("-Xmx512m", "-jar", appJar.toString()),
                    Map.of("ORDER_DATA_DIR", dir.resolve("data").toString()), dir, Bench.log("app-embedded").toAbsolutePath())) {
                app.launch();
                double seconds = app.awaitReady(Duration.ofSeconds(60)).toMillis() / 1e3;
                report.line("- %s: %.2f s (target < 3 s: %s)".formatted(label, seconds, seconds < 3 ? "MET" : "NOT MET"));
            }
        }
    }
}
