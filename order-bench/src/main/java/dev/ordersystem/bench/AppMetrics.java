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
}
