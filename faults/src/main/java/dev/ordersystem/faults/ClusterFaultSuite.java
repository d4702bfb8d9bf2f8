package dev.ordersystem.faults;

import java.util.List;

/**
 * {@code bin/faults --cluster}: the fault suite on the Galera cluster and the Redis Cluster of
 * {@code bin/cluster} (DESIGN §17): three instances, each on its own Galera node, under the mixed
 * traffic, while a Galera node is SIGKILLed and rejoins, a Redis primary is SIGKILLed and its
 * replica promoted, and an instance is SIGKILLed; then the same checks as on one server. Exit 1 on
 * any problem, 2 on a bad command line. The cluster is brought up first (idempotent) and is up
 * again at the end.
 */
public final class ClusterFaultSuite {
    private ClusterFaultSuite() {
    }

    public static void main(String[] args) {
        ClusterOptions options;
        try {
            options = ClusterOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("faults: " + e.getMessage());
            System.exit(2);
            return;
        }
        ClusterNodes nodes = ClusterNodes.fromEnvironment(System.getenv());
        Runtime.getRuntime().addShutdownHook(new Thread(AppCluster::killAllStarted));
        // The user bin/cluster creates on its nodes (ORDER_TEST_JDBC_USER may name the standard server's).
        String user = "order_test";
        String password = "order_test";
        System.out.println("faults against " + nodes.describe());
        long start = System.nanoTime();
        List<String> problems;
        try {
            nodes.up();
            problems = new ClusterFaultRun(options, nodes, user, password).run();
        } catch (Exception e) {
            e.printStackTrace();
            problems = List.of("the run broke off: " + e);
        } finally {
            try {
                nodes.up();
            } catch (RuntimeException e) {
                System.err.println("faults: the cluster is not whole again: " + e.getMessage() + " (bin/cluster status)");
            }
        }
        System.out.printf("%ncluster fault suite: %s in %.0f s%n", problems.isEmpty() ? "PASSED" : "FAILED", (System.nanoTime() - start) / 1e9);
        problems.stream().limit(200).forEach(p -> System.out.println("  problem: " + p));
        System.exit(problems.isEmpty() ? 0 : 1);
    }
}
