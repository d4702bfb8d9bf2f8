package dev.ordersystem.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * P1 and P2b on the Galera cluster beside one server, in one run (DESIGN §11, §17): the same three
 * app instances, the load spread over them request by request, on three setups one after the
 * other — one MariaDB and one Redis; the cluster with every instance on node 1 (writes on one
 * node, the others only replicate); the cluster with instance n on node n (writes on all three,
 * so concurrent transactions of two nodes on one row meet at certification). The cluster setups
 * use the Redis Cluster. The certification retries and give-ups each window cost are read from
 * the instances' {@code /metrics}.
 */
final class ClusterBench {
    /** P1 at these buyer counts (default; {@code BENCH_LEVELS} overrides), P2b at 128 as in {@link FlashSaleBench}. */
    private static final int[] LEVELS = {32};
    private static final int HOT_BUYERS = 128;

    private ClusterBench() {
    }

    private record Row(String setup, int level, LoadResult p1, ClusterBenchShop.Conflicts p1Conflicts, LoadResult p2b,
                       ClusterBenchShop.Conflicts p2bConflicts) {
    }

    static void run(Report report, Path appJar, Duration warmup, Duration measure) throws Exception {
        report.line("");
        report.line("## P1 / P2b on the Galera cluster beside one server (3 instances, 1,000 products, 10,000 buyers)");
        report.line("- every setup: 3 app instances (-Xmx256m each), request n to instance n mod 3; the cluster setups on bin/cluster's "
                + "3 Galera nodes (127.0.0.1:3311-3313, wsrep_sync_wait=1) and Redis Cluster (7001-7006); the one server is 127.0.0.1:3306 "
                + "and Redis 127.0.0.1:6379. All nodes, instances and the load generator share the machine's cores");
        report.line("- CPU column: 'app' is instance 1 only, 'db' the one server's mariadbd (idle in the cluster setups); 'machine' counts everything");
        List<Row> rows = new ArrayList<>();
        for (ClusterBenchShop.Setup setup : ClusterBenchShop.Setup.values()) {
            report.line("");
            report.line("### " + setup.title);
            report.line("- load average before: " + Bench.loadAverage() + " (the machine is shared: the setups run one after the other)");
            try (ClusterBenchShop shop = ClusterBenchShop.open(setup, appJar)) {
                BenchDatabase.Buyers b = shop.buyers;
                LoadGenerator.timed("JIT warm-up", 32, Duration.ZERO, Duration.ofSeconds(20), n -> {
                    int i = (int) ((n + 5_000) % b.size());
                    return shop.place(n, b.tokens()[i], BenchShop.orderBody(shop.firstProduct + (n * 3 + 1) % BenchShop.PRODUCTS, b.addressIds()[i]));
                }, s -> s == 201);
                report.line("- the instances served 20 s of placements at 32 buyers before the first measured point (JIT warm-up, not reported)");
                List<LoadResult> results = new ArrayList<>();
                long hot = shop.createProduct("Hot product", 50_000_000);
                List<Row> setupRows = new ArrayList<>();
                for (int c : levels()) {
                    ClusterBenchShop.Conflicts before = shop.conflicts();
                    LoadResult p1 = LoadGenerator.timed("P1 HTTP, " + setup.label, c, warmup, measure, n -> {
                        int i = (int) (n % b.size());
                        return shop.place(n, b.tokens()[i], BenchShop.orderBody(product(shop, n), b.addressIds()[i]));
                    }, s -> s == 201);
                    ClusterBenchShop.Conflicts p1Conflicts = shop.conflicts().minus(before);
                    results.add(p1);
                    setupRows.add(new Row(setup.label, c, p1, p1Conflicts, null, null));
                }
                ClusterBenchShop.Conflicts before = shop.conflicts();
                LoadResult p2b = LoadGenerator.timed("P2b hot product, " + setup.label, HOT_BUYERS, warmup, measure, n -> {
                    int i = (int) (n % b.size());
                    int quantity = 1 + (int) (n / b.size()) % 5; // no "same cart within 5 s" refusals, as in FlashSaleBench
                    return shop.place(n, b.tokens()[i], BenchShop.orderBody(hot, b.addressIds()[i], quantity));
                }, s -> s == 201);
                ClusterBenchShop.Conflicts p2bConflicts = shop.conflicts().minus(before);
                results.add(p2b);
                report.table(setup.title, results);
                for (Row r : setupRows) rows.add(new Row(r.setup, r.level, r.p1, r.p1Conflicts, p2b, p2bConflicts));
                report.line("- conflicts (all instances, from /metrics): P1 " + setupRows.getFirst().p1Conflicts + "; P2b " + p2bConflicts);
                shop.audit(report, setup.label);
            }
        }
        report.line("");
        report.line("**Side by side** (orders/s that answered 201; retries = `db_certification_retries_total`, given up = "
                + "`db_transactions_given_up_total`, summed over the instances, during the measured window and its warm-up)");
        report.line("");
        report.line("| setup | P1 conc. | P1 orders/s | P1 p99 | P1 vs one server | P1 retries / given up | P2b orders/s | P2b p99 | P2b vs one server | P2b retries / given up |");
        report.line("|---|---:|---:|---:|---:|---|---:|---:|---:|---|");
        for (Row r : rows) {
            Row base = rows.stream().filter(x -> x.level == r.level && x.setup.equals(ClusterBenchShop.Setup.ONE_SERVER.label)).findFirst().orElse(r);
            report.line("| %s | %d | %.0f | %.1f ms | %.0f %% | %d / %d | %.0f | %.1f ms | %.0f %% | %d / %d |".formatted(r.setup, r.level,
                    r.p1.succeededPerSecond(), r.p1.p99Ms(), 100 * r.p1.succeededPerSecond() / base.p1.succeededPerSecond(),
                    r.p1Conflicts.retries(), r.p1Conflicts.givenUp(), r.p2b.succeededPerSecond(), r.p2b.p99Ms(),
                    100 * r.p2b.succeededPerSecond() / base.p2b.succeededPerSecond(), r.p2bConflicts.retries(), r.p2bConflicts.givenUp()));
        }
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
