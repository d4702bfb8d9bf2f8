package dev.ordersystem.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Command line of {@code bin/faults}: {@code [--short] [--instances 1,3] [--duration 60s]
 * [--clients 500] [--faults db-crash,redis,sandbox,slow-db,db-restart,kill,late-payments|none] [--db-restart|--no-db-restart]
 * [--db-crash|--no-db-crash] [--jar path]}. The short version (CI) is two brief runs of 100 clients
 * with a Redis kill, a sandbox provider kill, a held lock, a SIGKILL of an instance and the late-payment phase, no database restart or crash. {@code --faults none} runs the traffic and every check
 * without touching the servers (for working on the checks themselves).
 */
record Options(List<Integer> instances, Duration duration, int clients, int buyers, Set<Fault> faults, Path jar) {

    static Options parse(String[] args) {
        boolean quick = List.of(args).contains("--short");
        List<Integer> instances = List.of(1, 3);
        Duration duration = quick ? Duration.ofSeconds(20) : Duration.ofSeconds(60);
        int clients = quick ? 100 : 500;
        Set<Fault> faults = quick ? EnumSet.of(Fault.REDIS, Fault.SANDBOX, Fault.SLOW_DB, Fault.KILL, Fault.LATE_PAYMENTS) : EnumSet.allOf(Fault.class);
        Path jar = Path.of("order-app/target/order-app.jar");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--short" -> { }
                case "--instances" -> instances = counts(value(args, ++i));
                case "--duration" -> duration = duration(value(args, ++i));
                case "--clients" -> clients = bounded("--clients", Integer.parseInt(value(args, ++i)), 1, 2000);
                case "--faults" -> faults = Fault.parse(value(args, ++i));
                case "--db-restart" -> faults.add(Fault.DB_RESTART);
                case "--no-db-restart" -> faults.remove(Fault.DB_RESTART);
                case "--db-crash" -> faults.add(Fault.DB_CRASH);
                case "--no-db-crash" -> faults.remove(Fault.DB_CRASH);
                case "--jar" -> jar = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --short, --instances 1,3, --duration 60s, --clients 500, --faults db-crash,redis,sandbox,slow-db,db-restart,kill,late-payments|none,"
                        + " --db-restart, --no-db-restart, --db-crash, --no-db-crash, --jar path)");
            }
        }
        if (duration.compareTo(Duration.ofSeconds(15)) < 0 || duration.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("--duration must be 15s..15m");
        }
        // Buyers are few on purpose: logins are rate-limited per client address (all loopback
        // here) and hashing passwords is slow by design; clients share them.
        return new Options(instances, duration, clients, Math.min(clients, quick ? 6 : 10), Set.copyOf(faults), jar.toAbsolutePath());
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) throw new IllegalArgumentException(args[i - 1] + " needs a value");
        return args[i];
    }

    private static List<Integer> counts(String text) {
        List<Integer> counts = new ArrayList<>();
        for (String part : text.split(",")) counts.add(bounded("--instances", Integer.parseInt(part.trim()), 1, 5));
        return counts;
    }

    private static Duration duration(String text) {
        String t = text.trim().toLowerCase();
        if (t.endsWith("m")) return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        return Duration.ofSeconds(Long.parseLong(t.endsWith("s") ? t.substring(0, t.length() - 1) : t));
    }

    private static int bounded(String name, int value, int min, int max) {
        if (value < min || value > max) throw new IllegalArgumentException(name + " must be " + min + ".." + max);
        return value;
    }
}
