package dev.ordersystem.bench;

import dev.ordersystem.harness.WireHttp;
import dev.ordersystem.harness.WireRequest;

import java.io.IOException;

/** Counters of an app instance, read from its {@code /metrics} (the Prometheus text format). */
final class AppMetrics {
    private final String text;

    private AppMetrics(String text) {
        this.text = text;
    }

    static AppMetrics of(WireHttp http) throws IOException {
        return new AppMetrics(http.send(WireRequest.get("/metrics")).text());
    }

    /** The sum of every series of counter {@code name} (0 when the app has none). */
    long counter(String name) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        return Math.round(sum);
    }

    /** Orders the app's placement transactions wrote since {@code earlier}, per transaction (1: none grouped; 0: none written). */
    double ordersPerPlacementTransactionSince(AppMetrics earlier) {
        long orders = counter("order_placements_written_total") - earlier.counter("order_placements_written_total");
        long transactions = counter("order_placement_transactions_total") - earlier.counter("order_placement_transactions_total");
        return transactions == 0 ? 0 : orders / (double) transactions;
    }
}
