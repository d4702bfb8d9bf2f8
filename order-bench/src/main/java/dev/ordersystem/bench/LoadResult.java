package dev.ordersystem.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * One measured load point: completions per second over the measured window, latency percentiles
 * of the successful and failed calls together, and the answers counted by status (-1: exception).
 */
record LoadResult(String label, int concurrency, double seconds, long total, long succeeded,
                  Map<Integer, Long> statuses, double p50Ms, double p95Ms, double p99Ms, double maxMs, String cpu, String firstFailure) {

    double perSecond() {
        return total / seconds;
    }

    double succeededPerSecond() {
        return succeeded / seconds;
    }

    long errors() {
        return total - succeeded;
    }

    /** Answers by status; -1 counts calls that failed with an exception (the first one is named). */
    String statusText() {
        String counts = new TreeMap<>(statuses).toString();
        return firstFailure == null ? counts : counts + " first failure: " + firstFailure.replace('|', '/');
    }

    String row() {
        return "| %s | %d | %.0f | %.0f | %.1f | %.1f | %.1f | %.0f | %d | %s | %s |".formatted(label, concurrency, perSecond(),
                succeededPerSecond(), p50Ms, p95Ms, p99Ms, maxMs, errors(), statusText(), cpu);
    }

    static String header() {
        return "| run | conc. | req/s | ok/s | p50 ms | p95 ms | p99 ms | max ms | errors | answers | CPU in cores |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|";
    }
}
