package dev.ordersystem.faults;

import dev.ordersystem.harness.AppDatabase;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/faults}: runs the fault suite once per instance count and exits 1 when any run found
 * a problem (an audit violation, a ledger disagreement, a security answer off the contract).
 * Loopback only; MariaDB and Redis ({@link Servers}: the machine's, or private ones) are always
 * running again when it ends.
 */
public final class FaultSuite {
    private FaultSuite() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        Servers servers;
        String server;
        try {
            options = Options.parse(args);
            servers = Servers.fromEnvironment(System.getenv());
            server = FaultRun.env("ORDER_TEST_JDBC_URL").orElse("jdbc:mariadb://127.0.0.1:" + servers.mariadbPort() + "/?sslMode=disable");
            // The faults hit the server at FAULTS_MARIADB_PORT: the apps and the checks must use that one.
            if (AppDatabase.port(server) != servers.mariadbPort()) {
                throw new IllegalArgumentException("ORDER_TEST_JDBC_URL names port " + AppDatabase.port(server) + " but FAULTS_MARIADB_PORT is "
                        + servers.mariadbPort() + ": the suite would kill one server and watch another");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("faults: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            AppCluster.killAllStarted();
            SandboxProcess.killAllStarted();
            servers.restoreAll();
        }));
        String user = FaultRun.env("ORDER_TEST_JDBC_USER").orElse("root");
        String password = System.getenv().getOrDefault("ORDER_TEST_JDBC_PASSWORD", "");
        System.out.println("faults against " + servers.describe());
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        for (int instances : options.instances()) {
            try {
                for (String p : new FaultRun(options, instances, servers, server, user, password).run()) problems.add(instances + " instance(s): " + p);
            } catch (Exception e) {
                problems.add(instances + " instance(s): the run broke off: " + e);
                e.printStackTrace();
            } finally {
                servers.restoreAll();
            }
        }
        System.out.printf("%nfault suite: %s in %.0f s%n", problems.isEmpty() ? "PASSED" : "FAILED", (System.nanoTime() - start) / 1e9);
        problems.stream().limit(200).forEach(p -> System.out.println("  problem: " + p));
        System.exit(problems.isEmpty() ? 0 : 1);
    }
}
