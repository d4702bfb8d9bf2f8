package dev.ordersystem.faults;

import dev.ordersystem.harness.RedisWire;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The servers {@code bin/cluster up} runs (DESIGN §17): Galera nodes 1–3 on SQL ports 3311–3313
 * (data under {@code ORDER_CLUSTER_DIR}, default {@code /tmp/order-cluster}) and the Redis Cluster
 * on 7001–7006. It kills them as a crash would and brings them back with {@code bin/cluster up}
 * itself (the same commands an operator uses), so a node rejoins exactly as documented.
 */
final class ClusterNodes {
    static final int NODES = 3;
    static final List<Integer> REDIS_PORTS = List.of(7001, 7002, 7003, 7004, 7005, 7006);
    /** A node joining by full state transfer on a loaded 2-core machine: minutes, not seconds. */
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(10);

    private final Path dir;
    private final Path script;

    ClusterNodes(Path dir, Path script) {
        this.dir = dir.toAbsolutePath();
        this.script = script.toAbsolutePath();
    }

    static ClusterNodes fromEnvironment(Map<String, String> env) {
        String dir = Optional.ofNullable(env.get("ORDER_CLUSTER_DIR")).filter(s -> !s.isBlank()).orElse("/tmp/order-cluster");
        return new ClusterNodes(Path.of(dir), Path.of("bin/cluster"));
    }

    static int sqlPort(int node) {
        return 3310 + node;
    }

    /** A server URL (no database) naming one node only: an instance on it fails when the node does. */
    static String nodeUrl(int node) {
        return "jdbc:mariadb://127.0.0.1:" + sqlPort(node) + "/?sslMode=disable";
    }

    /** Every node, first answering first: the driver's own checks, which must outlive any one node. */
    static String allNodesUrl() {
        return "jdbc:mariadb:sequential://127.0.0.1:3311,127.0.0.1:3312,127.0.0.1:3313/?sslMode=disable";
    }

    static String redisUrl() {
        return "redis-cluster://127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003";
    }

    String describe() {
        return "Galera 127.0.0.1:3311-3313 and Redis Cluster 127.0.0.1:7001-7006 (bin/cluster, " + dir + ")";
    }

    /** {@code bin/cluster status}: exit 0 only when every node is up and joined. */
    boolean healthy() {
        return run(List.of(script.toString(), "status"), Duration.ofSeconds(60)) == 0;
    }

    /** {@code bin/cluster up}: starts whatever is down and waits until it joined; returns how long it took. */
    Duration up() {
        long start = System.nanoTime();
        int rc = run(List.of(script.toString(), "up"), UP_TIMEOUT);
        if (rc != 0) throw new IllegalStateException("bin/cluster up failed (exit " + rc + ")");
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** What {@link #crashGalera} did: the process killed and where its error log continues. */
    record GaleraCrash(int node, long pid, Path errorLog, long logOffset) {
        /** How the node came back, from its error log after the kill: incremental (IST) or full (SST) state transfer. */
        String rejoin() {
            String log = tail(errorLog, logOffset);
            if (log.contains("IST received")) return "IST (incremental state transfer)";
            if (log.matches("(?s).*SST (received|succeeded|complete).*") || log.contains("SST script")) return "SST (full state transfer)";
            return "state transfer not named in " + errorLog;
        }
    }

    /**
     * SIGKILLs the {@code mariadbd} of one Galera node: the pid in its pid file, only when that
     * process is {@code mariadbd} and listens on the node's port (never another server).
     */
    GaleraCrash crashGalera(int node) {
        Path nodeDir = dir.resolve("galera" + node);
        Path errorLog = nodeDir.resolve("error.log");
        long pid = pid(nodeDir.resolve("mysqld.pid"));
        String command = ProcessHandle.of(pid).flatMap(p -> p.info().command()).orElse("?");
        if (!command.endsWith("/mariadbd")) throw new IllegalStateException("pid " + pid + " of galera" + node + " is " + command + ", not mariadbd");
        if (!Servers.ownsListener(pid, sqlPort(node))) throw new IllegalStateException("pid " + pid + " does not listen on " + sqlPort(node));
        long offset = errorLog.toFile().length();
        killAndAwait(pid);
        return new GaleraCrash(node, pid, errorLog, offset);
    }

    /** A Redis primary killed: its port, its pid, the replica ports it had. */
    record RedisCrash(int port, long pid, List<Integer> replicas) {
    }

    /** SIGKILLs a Redis primary that has a connected replica (the first such by port). */
    RedisCrash crashRedisPrimary() throws IOException {
        List<Node> nodes = redisNodes();
        for (Node primary : nodes.stream().filter(n -> n.primary() && n.connected()).sorted((a, b) -> a.port - b.port).toList()) {
            List<Integer> replicas = nodes.stream().filter(n -> primary.id.equals(n.primaryId) && n.connected()).map(n -> n.port).toList();
            if (replicas.isEmpty()) continue;
            long pid;
            try (RedisWire redis = new RedisWire(primary.port)) {
                String info = (String) redis.call("INFO", "server");
                pid = Long.parseLong(info.lines().filter(l -> l.startsWith("process_id:")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no process_id in INFO")).substring("process_id:".length()).strip());
            }
            String command = ProcessHandle.of(pid).flatMap(p -> p.info().command()).orElse("?");
            if (!command.contains("redis")) throw new IllegalStateException("pid " + pid + " of Redis " + primary.port + " is " + command);
            killAndAwait(pid);
            return new RedisCrash(primary.port, pid, replicas);
        }
        throw new IllegalStateException("no Redis primary with a connected replica: " + nodes);
    }

    /**
     * Waits until one of the killed primary's replicas is a primary and the cluster is {@code ok}
     * again, as seen from another node; returns the promoted replica's port.
     */
    int awaitPromotion(RedisCrash crash, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            for (int replica : crash.replicas()) {
                try (RedisWire redis = new RedisWire(replica)) {
                    String role = (String) ((List<?>) redis.call("ROLE")).getFirst();
                    String info = (String) redis.call("CLUSTER", "INFO");
                    last = replica + ": role " + role + ", " + info.lines().filter(l -> l.startsWith("cluster_state")).findFirst().orElse("?");
                    if (role.equals("master") && info.contains("cluster_state:ok")) return replica;
                } catch (IOException e) {
                    last = replica + ": " + e.getMessage();
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no replica of Redis " + crash.port() + " was promoted within " + timeout + " (last: " + last + ")");
    }

    /** Waits until every Redis node answers, none is flagged failed and the cluster is {@code ok}. */
    void awaitRedisHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                List<Node> nodes = redisNodes();
                boolean ok;
                try (RedisWire redis = new RedisWire(REDIS_PORTS.getFirst())) {
                    ok = ((String) redis.call("CLUSTER", "INFO")).contains("cluster_state:ok");
                }
                if (ok && nodes.size() == REDIS_PORTS.size() && nodes.stream().allMatch(Node::connected)) return;
                last = nodes.toString();
            } catch (IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the Redis Cluster was not healthy within " + timeout + ": " + last);
    }

    /** The current primaries' ports. */
    List<Integer> redisPrimaries() throws IOException {
        return redisNodes().stream().filter(n -> n.primary() && n.connected()).map(n -> n.port).sorted().toList();
    }

    /** One line of {@code CLUSTER NODES}. */
    private record Node(String id, int port, String flags, String primaryId, String link) {
        boolean primary() {
            return flags.contains("master");
        }

        boolean connected() {
            return link.equals("connected") && !flags.contains("fail");
        }
    }

    /** {@code CLUSTER NODES} from the first node that answers. */
    private List<Node> redisNodes() throws IOException {
        IOException failure = null;
        for (int port : REDIS_PORTS) {
            try (RedisWire redis = new RedisWire(port)) {
                List<Node> nodes = new ArrayList<>();
                for (String line : ((String) redis.call("CLUSTER", "NODES")).split("\n")) {
                    String[] f = line.strip().split(" ");
                    if (f.length < 8) continue;
                    String address = f[1].replaceFirst("@.*", "");
                    nodes.add(new Node(f[0], Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)), f[2], f[3], f[7]));
                }
                return nodes;
            } catch (IOException e) {
                failure = e;
            }
        }
        throw new IOException("no Redis node answered CLUSTER NODES", failure);
    }

    private static long pid(Path pidFile) {
        try {
            return Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read a pid from " + pidFile + ": " + e, e);
        }
    }

    private static void killAndAwait(long pid) {
        run(List.of("kill", "-9", Long.toString(pid)), Duration.ofSeconds(10));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("pid " + pid + " still alive 20 s after SIGKILL");
            Servers.sleep(20);
        }
    }

    private static String tail(Path file, long offset) {
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            if (log.length() < offset) return "";
            log.seek(offset);
            byte[] rest = new byte[(int) Math.min(log.length() - offset, 4 << 20)];
            log.readFully(rest);
            return new String(rest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Runs a command; returns its exit code. What it did ({@code bin/cluster}'s "[cluster] …" lines)
     * is printed; the rest of its output only when it failed.
     */
    private static int run(List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread reader = Thread.ofVirtual().start(() -> process.inputReader().lines().forEach(line -> {
                output.add(line);
                if (line.startsWith("[cluster]")) System.out.println("    " + line);
            }));
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeout);
            }
            reader.join(5_000);
            if (process.exitValue() != 0) output.forEach(line -> System.out.println("    " + line));
            return process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
