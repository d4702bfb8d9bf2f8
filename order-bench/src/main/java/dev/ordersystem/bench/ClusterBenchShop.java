package dev.ordersystem.bench;

import dev.ordersystem.harness.AppDatabase;
import dev.ordersystem.harness.AppProcess;
import dev.ordersystem.harness.RedisWire;
import dev.ordersystem.harness.ShopApi;
import dev.ordersystem.harness.WireHttp;
import dev.ordersystem.harness.WireReply;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Three instances of the app in production mode on one {@link Setup}: an empty bench database
 * ({@code order_bench}, on the one server or on the cluster), a cleared Redis prefix, 1,000
 * products and 10,000 buyers seeded in bulk as {@link BenchShop} does.
 */
final class ClusterBenchShop implements AutoCloseable {
    private static final String CLUSTER_USER = "order_test";
    private static final String CLUSTER_PASSWORD = "order_test";
    private static final List<Integer> CLUSTER_REDIS_PORTS = List.of(7001, 7002, 7003, 7004, 7005, 7006);

    /** Where the three instances write. */
    enum Setup {
        ONE_SERVER("one server", "One MariaDB (3306) and one Redis (6379)", List.of(3306, 3306, 3306), "order_bench", "bench"),
        ONE_NODE("cluster, writes on 1 node", "Galera cluster, every instance on node 1 (3311); Redis Cluster", List.of(3311, 3311, 3311),
                "order_bench_node1", "bench-node1"),
        THREE_NODES("cluster, writes on 3 nodes", "Galera cluster, instance n on node n (3311, 3312, 3313); Redis Cluster",
                List.of(3311, 3312, 3313), "order_bench_nodes3", "bench-nodes3");

        final String label;
        final String title;
        final List<Integer> ports;
        /** Each setup its own database and Redis prefix: the three run side by side. */
        final String database;
        final String redisPrefix;

        Setup(String label, String title, List<Integer> ports, String database, String redisPrefix) {
            this.label = label;
            this.title = title;
            this.ports = ports;
            this.database = database;
            this.redisPrefix = redisPrefix;
        }

        boolean cluster() {
            return this != ONE_SERVER;
        }

        AppDatabase database(int port) {
            String server = "jdbc:mariadb://127.0.0.1:" + port + "/?sslMode=disable";
            return cluster() ? new AppDatabase(server, CLUSTER_USER, CLUSTER_PASSWORD, database)
                    : new AppDatabase(server, BenchDatabase.SCHEMA.user(), BenchDatabase.SCHEMA.password(), database);
        }

        String redisUrl() {
            return cluster() ? "redis-cluster://127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003" : "redis://127.0.0.1:" + BenchShop.REDIS_PORT;
        }
    }

    /** Certification (deadlock) retries and transactions given up, summed over the instances. */
    record Conflicts(long retries, long givenUp) {
        Conflicts minus(Conflicts before) {
            return new Conflicts(retries - before.retries, givenUp - before.givenUp);
        }

        @Override
        public String toString() {
            return retries + " certification/deadlock retries, " + givenUp + " given up";
        }
    }

    private final Setup setup;
    private final List<AppProcess> apps;
    private final List<WireHttp> https;
    final ShopApi api;
    final BenchDatabase.Buyers buyers;
    final long firstProduct;

    private ClusterBenchShop(Setup setup, List<AppProcess> apps, BenchDatabase.Buyers buyers, long firstProduct) {
        this.setup = setup;
        this.apps = apps;
        this.https = apps.stream().map(AppProcess::http).toList();
        this.api = new ShopApi(https.getFirst(), BenchShop.ADMIN_TOKEN);
        this.buyers = buyers;
        this.firstProduct = firstProduct;
    }

    static ClusterBenchShop open(Setup setup, Path appJar) throws Exception {
        AppDatabase schema = setup.database(setup.ports.getFirst());
        schema.recreate();
        clearRedis(setup);
        List<AppProcess> apps = new ArrayList<>();
        try {
            for (int i = 0; i < setup.ports.size(); i++) {
                Map<String, String> env = AppProcess.productionEnv(setup.database(setup.ports.get(i)), BenchShop.REDIS_PORT,
                        setup.redisPrefix, BenchShop.ADMIN_TOKEN);
                env.put("ORDER_REDIS_URL", setup.redisUrl());
                env.put("ORDER_NODE_ID", Integer.toString(i + 1));
                // One after the other: the first migrates the schema.
                apps.add(AppProcess.started(List.of("-Xmx256m", "-jar", appJar.toString()), env, Path.of("."),
                        Bench.log("app-cluster-" + setup.name().toLowerCase() + "-" + (i + 1)), Duration.ofSeconds(120)));
            }
            try (BenchDatabase db = BenchDatabase.open(schema, 4)) {
                new ShopApi(apps.getFirst().http(), BenchShop.ADMIN_TOKEN).register("bench-first", "bench-password-1");
                long first = db.addProducts(BenchShop.PRODUCTS, BenchShop.PRICE, 1_000_000);
                BenchDatabase.Buyers buyers = db.addBuyers(BenchShop.BUYERS, db.anyPasswordHash());
                return new ClusterBenchShop(setup, apps, buyers, first);
            }
        } catch (Exception e) {
            apps.forEach(AppProcess::close);
            throw e;
        }
    }

    /** One placement at instance {@code n mod 3}. */
    int place(long n, String token, String body) throws IOException {
        return https.get((int) (n % https.size())).status("POST", "/api/v1/orders", token, body);
    }

    long createProduct(String name, long stock) throws IOException {
        return api.createProduct(name, "hot product", BenchShop.PRICE, stock);
    }

    Conflicts conflicts() throws IOException {
        long retries = 0;
        long givenUp = 0;
        for (WireHttp http : https) {
            AppMetrics metrics = AppMetrics.of(http);
            retries += metrics.counter("db_certification_retries_total");
            givenUp += metrics.counter("db_transactions_given_up_total");
        }
        return new Conflicts(retries, givenUp);
    }

    void audit(Report report, String after) throws IOException {
        WireReply r = api.audit(Duration.ofMinutes(5));
        if (ShopApi.clean(r)) {
            report.line("- §7 audit after " + after + ": ok, no violations");
        } else {
            String body = r.text().length() > 2000 ? r.text().substring(0, 2000) + "…" : r.text();
            report.fail("§7 audit after " + after + ": HTTP " + r.status() + " " + body);
        }
    }

    /** The bench prefix's keys; on the cluster on every primary (each scans only its own slots). */
    private static void clearRedis(Setup setup) throws IOException {
        if (!setup.cluster()) {
            BenchShop.clearRedis();
            return;
        }
        for (int port : CLUSTER_REDIS_PORTS) {
            try (RedisWire redis = new RedisWire(port)) {
                if (!"master".equals(((List<?>) redis.call("ROLE")).getFirst())) continue;
                redis.deleteMatching(setup.redisPrefix + ":*");
                redis.deleteMatching("{" + setup.redisPrefix + ":*");
            }
        }
    }

    @Override
    public void close() throws Exception {
        apps.forEach(AppProcess::close);
        clearRedis(setup);
    }
}
