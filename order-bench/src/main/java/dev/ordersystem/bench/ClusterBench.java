package dev.ordersystem.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * P1 and P2b on the Galera cluster beside one server, in one run (DESIGN §11, §17). Three setups,
 * each three app instances with the load spread over them request by request: one MariaDB and one
 * Redis; the cluster with every instance on node 1 (writes on one node, the others replicate); the
 * cluster with instance n on node n (writes on all three, so concurrent transactions of two nodes
 * on one row meet at certification). The cluster setups use the Redis Cluster. All three run at
 * once, idle but for the one measured, and the windows alternate (one server, one node, three
 * nodes, again …) so that what other work the shared machine does falls on all three alike. The
 * certification retries and give-ups a window cost are read from the instances' {@code /metrics}.
 */
final class ClusterBench {
    /** P1 at these buyer counts (default; {@code BENCH_LEVELS} overrides), P2b at 128 as in {@link FlashSaleBench}. */
    private static final int[] LEVELS = {32};
    private static final int HOT_BUYERS = 128;
    /** Rounds of alternating windows: each setup is measured this many times per point. */
    private static final int ROUNDS = 3;

    private ClusterBench() {
    }

    private record Window(String point, int round, ClusterBenchShop.Setup setup, LoadResult result, ClusterBenchShop.Conflicts conflicts) {
    }

    static void run(Report report, Path appJar, Duration warmup, Duration measure) throws Exception {
        report.line("");
        report.line("## P1 / P2b on the Galera cluster beside one server (3 instances per setup, 1,000 products, 10,000 buyers)");
        report.line("- setups: " + Arrays.stream(ClusterBenchShop.Setup.values()).map(s -> s.title).toList()
                + "; every setup 3 app instances (-Xmx256m each), request n to instance n mod 3; Galera is bin/cluster's (3 nodes on "
                + "127.0.0.1:3311-3313, wsrep_sync_wait=1), with the Redis Cluster (7001-7006); nodes, instances and the load generator share the 2 cores");
        report.line("- the three setups run at once; the windows alternate, " + ROUNDS + " rounds per point; CPU column: only 'gen' and 'machine' mean something here");
        Map<ClusterBenchShop.Setup, ClusterBenchShop> shops = new EnumMap<>(ClusterBenchShop.Setup.class);
        try {
            for (ClusterBenchShop.Setup setup : ClusterBenchShop.Setup.values()) shops.put(setup, ClusterBenchShop.open(setup, appJar));
            for (ClusterBenchShop shop : shops.values()) {
                BenchDatabase.Buyers b = shop.buyers;
                LoadGenerator.timed("JIT warm-up", 32, Duration.ZERO, Duration.ofSeconds(20), n -> {
                    int i = (int) ((n + 5_000) % b.size());
                    return shop.place(n, b.tokens()[i], BenchShop.orderBody(shop.firstProduct + (n * 3 + 1) % BenchShop.PRODUCTS, b.addressIds()[i]));
                }, s -> s == 201);
            }
            report.line("- each setup served 20 s of placements at 32 buyers before the first measured window (JIT warm-up, not reported)");
            Map<ClusterBenchShop.Setup, Long> hot = new EnumMap<>(ClusterBenchShop.Setup.class);
            for (var e : shops.entrySet()) hot.put(e.getKey(), e.getValue().createProduct("Hot product", 50_000_000));
            List<Window> windows = new ArrayList<>();
            for (int c : levels()) {
                for (int round = 1; round <= ROUNDS; round++) {
                    for (var e : shops.entrySet()) {
                        ClusterBenchShop shop = e.getValue();
                        BenchDatabase.Buyers b = shop.buyers;
                        long shift = round * 1_000L; // another product per buyer each round
                        windows.add(window("P1 at " + c, round, e.getKey(), shop, c, warmup, measure, n -> {
                            int i = (int) (n % b.size());
                            return shop.place(n, b.tokens()[i], BenchShop.orderBody(product(shop, n + shift), b.addressIds()[i]));
                        }));
                    }
                }
            }
            for (int round = 1; round <= ROUNDS; round++) {
                for (var e : shops.entrySet()) {
                    ClusterBenchShop shop = e.getValue();
                    BenchDatabase.Buyers b = shop.buyers;
                    long product = hot.get(e.getKey());
                    int r = round;
                    windows.add(window("P2b at " + HOT_BUYERS, round, e.getKey(), shop, HOT_BUYERS, warmup, measure, n -> {
                        int i = (int) (n % b.size());
                        // A different quantity per round and per pass over the buyers: no "same cart within 5 s" refusals.
                        int quantity = 1 + (int) (n / b.size() + r) % 5;
                        return shop.place(n, b.tokens()[i], BenchShop.orderBody(product, b.addressIds()[i], quantity));
                    }));
                }
            }
            report.table("Every window, in the order measured", windows.stream().map(Window::result).toList());
            summary(report, windows);
            for (var e : shops.entrySet()) e.getValue().audit(report, e.getKey().label);
        } finally {
            for (ClusterBenchShop shop : shops.values()) shop.close();
        }
    }

    private static Window window(String point, int round, ClusterBenchShop.Setup setup, ClusterBenchShop shop, int concurrency,
                                 Duration warmup, Duration measure, LoadGenerator.Call call) throws Exception {
        ClusterBenchShop.Conflicts before = shop.conflicts();
        LoadResult result = LoadGenerator.timed(point + ", " + setup.label + ", round " + round, concurrency, warmup, measure, call, s -> s == 201);
        Window window = new Window(point, round, setup, result, shop.conflicts().minus(before));
        System.out.printf("  (window %s: %.0f orders/s, p99 %.0f ms, %s)%n", result.label(), result.succeededPerSecond(), result.p99Ms(), window.conflicts);
        return window;
    }

    /** Per point and setup: orders/s of each round, the median, its ratio to one server's median, p99s, conflicts. */
    private static void summary(Report report, List<Window> windows) {
        report.line("**Side by side** (orders/s answered 201 per round; retries = `db_certification_retries_total`, given up = "
                + "`db_transactions_given_up_total`, summed over the 3 instances and the rounds, warm-ups included)");
        report.line("");
        report.line("| point | setup | orders/s per round | median | vs one server | p99 per round | retries / given up | other answers |");
        report.line("|---|---|---|---:|---:|---|---|---|");
        for (String point : windows.stream().map(Window::point).distinct().toList()) {
            double base = median(windows, point, ClusterBenchShop.Setup.ONE_SERVER);
            for (ClusterBenchShop.Setup setup : ClusterBenchShop.Setup.values()) {
                List<Window> mine = windows.stream().filter(w -> w.point.equals(point) && w.setup == setup).toList();
                double median = median(windows, point, setup);
                long retries = mine.stream().mapToLong(w -> w.conflicts.retries()).sum();
                long givenUp = mine.stream().mapToLong(w -> w.conflicts.givenUp()).sum();
                Map<Integer, Long> other = new java.util.TreeMap<>();
                mine.forEach(w -> w.result.statuses().forEach((status, n) -> { if (status != 201) other.merge(status, n, Long::sum); }));
                report.line("| %s | %s | %s | %.0f | %.0f %% | %s | %d / %d | %s |".formatted(point, setup.label,
                        String.join(", ", mine.stream().map(w -> "%.0f".formatted(w.result.succeededPerSecond())).toList()), median,
                        100 * median / base, String.join(", ", mine.stream().map(w -> "%.0f ms".formatted(w.result.p99Ms())).toList()),
                        retries, givenUp, other.isEmpty() ? "none" : other.toString()));
            }
        }
        report.line("");
    }

    private static double median(List<Window> windows, String point, ClusterBenchShop.Setup setup) {
        double[] values = windows.stream().filter(w -> w.point.equals(point) && w.setup == setup)
                .mapToDouble(w -> w.result.succeededPerSecond()).sorted().toArray();
        int n = values.length;
        return n == 0 ? 0 : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static int[] levels() {
        String only = System.getProperty("bench.levels", "").strip();
        return only.isEmpty() ? LEVELS : Arrays.stream(only.split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    }

    /** As {@link PlaceOrderBench}: orders spread over the 1,000 products. */
    private static long product(ClusterBenchShop shop, long n) {
        return shop.firstProduct + (n * 7 + n / BenchShop.BUYERS) % BenchShop.PRODUCTS;
    }
}
