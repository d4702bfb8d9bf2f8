package dev.ordersystem.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Command line of {@code bin/faults --cluster}: {@code [--short] [--duration 90s] [--clients 500]
 * [--jar path]}. Always three instances, one per Galera node, and always the three cluster
 * faults ({@link ClusterFaultSchedule}); the duration is the least traffic time, as the traffic
 * goes on until every fault has recovered and a while after. The short version (CI): 100 clients,
 * at least 30 s.
 */
record ClusterOptions(Duration duration, int clients, int buyers, Path jar) {

    static ClusterOptions parse(String[] args) {
        boolean quick = List.of(args).contains("--short");
        Duration duration = quick ? Duration.ofSeconds(30) : Duration.ofSeconds(90);
        int clients = quick ? 100 : 500;
        Path jar = Path.of("order-app/target/order-app.jar");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cluster", "--short" -> { }
                case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(value(args, ++i).replaceFirst("s$", "")));
                case "--clients" -> clients = Integer.parseInt(value(args, ++i));
                case "--jar" -> jar = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (with --cluster use --short, --duration 90s, --clients 500, --jar path)");
            }
        }
        if (duration.compareTo(Duration.ofSeconds(15)) < 0 || duration.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("--duration must be 15s..900s");
        }
        if (clients < 1 || clients > 2000) throw new IllegalArgumentException("--clients must be 1..2000");
        return new ClusterOptions(duration, clients, Math.min(clients, quick ? 6 : 10), jar.toAbsolutePath());
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) throw new IllegalArgumentException(args[i - 1] + " needs a value");
        return args[i];
    }
}
