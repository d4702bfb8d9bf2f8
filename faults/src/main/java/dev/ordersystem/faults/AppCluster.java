package dev.ordersystem.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * N instances of the app jar in production mode on one database and one Redis, each with its
 * own port and {@code ORDER_NODE_ID}. An instance can be killed with SIGKILL and started again on
 * the same port, as a crashed process restarted by its supervisor.
 */
final class AppCluster implements AutoCloseable {
    /** Every instance process started and not yet seen gone, for {@link #killAllStarted()}. */
    private static final Set<Process> STARTED = ConcurrentHashMap.newKeySet();

    private final Path jar;
    private final Path workDir;
    private final Map<String, String> env;
    private final List<Integer> ports = new ArrayList<>();
    private final Process[] processes;
    private final Http http = new Http();

    AppCluster(Path jar, Path workDir, int instances, Map<String, String> env) {
        this.jar = jar;
        this.workDir = workDir;
        this.env = env;
        this.processes = new Process[instances];
        for (int i = 0; i < instances; i++) ports.add(freePort());
    }

    int size() {
        return processes.length;
    }

    String base(int instance) {
        return "http://127.0.0.1:" + ports.get(instance);
    }

    /** A random instance, as a load balancer in front of them would pick. */
    int pick() {
        return ThreadLocalRandom.current().nextInt(processes.length);
    }

    /** Starts every instance, the first one alone (it runs the schema migration). */
    void start() {
        for (int i = 0; i < processes.length; i++) {
            launch(i);
            awaitReady(i, Duration.ofSeconds(90));
        }
    }

    void launch(int instance) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("ORDER_") || k.startsWith("WECHATPAY_") || k.startsWith("ALIPAY_"));
        Map<String, String> own = new HashMap<>(env);
        own.put("ORDER_HTTP_PORT", String.valueOf(ports.get(instance)));
        own.put("ORDER_NODE_ID", String.valueOf(101 + instance));
        builder.environment().putAll(own);
        Path log = workDir.resolve("app-" + (instance + 1) + ".log");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            processes[instance] = builder.start();
            STARTED.removeIf(p -> !p.isAlive());
            STARTED.add(processes[instance]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SIGKILLs every instance process this driver started that still runs: from the shutdown hook,
     * so a driver stopped by a signal (a CI timeout) leaves no app behind.
     */
    static void killAllStarted() {
        for (Process process : STARTED) process.destroyForcibly();
    }

    /** SIGKILL: no graceful shutdown, claimed delay jobs stay leased until the lease runs out. */
    void kill(int instance) throws InterruptedException {
        processes[instance].destroyForcibly();
        processes[instance].waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * The instance whose process owns the client end of a TCP connection to the database (local
     * port {@code port}, remote port {@code databasePort}): the socket's inode from {@code /proc/net/tcp[6]}, then
     * the instance process that has it among its file descriptors. Empty when none does (Linux only).
     */
    OptionalInt ownerOfDatabaseConnection(int port, int databasePort) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                    String[] f = line.trim().split("\\s+");
                    int local = Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16);
                    int remote = Integer.parseInt(f[2].substring(f[2].lastIndexOf(':') + 1), 16);
                    if (local == port && remote == databasePort) inodes.add("socket:[" + f[9] + "]");
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("faults: cannot read " + table + ": " + e);
            }
        }
        for (int i = 0; i < processes.length && !inodes.isEmpty(); i++) {
            if (processes[i] == null || !processes[i].isAlive()) continue;
            try (var fds = Files.list(Path.of("/proc", Long.toString(processes[i].pid()), "fd"))) {
                for (Path fd : fds.toList()) {
                    try {
                        if (inodes.contains(Files.readSymbolicLink(fd).toString())) return OptionalInt.of(i);
                    } catch (IOException e) {
                        // closed meanwhile
                    }
                }
            } catch (IOException e) {
                System.err.println("faults: cannot list the descriptors of instance " + (i + 1) + ": " + e);
            }
        }
        return OptionalInt.empty();
    }

    /** Waits for {@code /health/ready} (database and Redis answer) on one instance. */
    void awaitReady(int instance, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!processes[instance].isAlive()) {
                throw new IllegalStateException("instance " + (instance + 1) + " exited with " + processes[instance].exitValue()
                        + ", see " + workDir.resolve("app-" + (instance + 1) + ".log"));
            }
            if (ready(instance)) return;
            Servers.sleep(200);
        }
        throw new IllegalStateException("instance " + (instance + 1) + " not ready within " + timeout);
    }

    boolean ready(int instance) {
        try {
            return http.send(base(instance), "GET", "/health/ready", null, null, Map.of()).status() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until every instance is ready; returns how long that took. */
    Duration awaitAllReady(Duration timeout) {
        long start = System.nanoTime();
        for (int i = 0; i < processes.length; i++) {
            awaitReady(i, timeout.minusNanos(System.nanoTime() - start));
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : processes) if (process != null) process.destroy();
        for (Process process : processes) {
            if (process != null && !process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("order-faults-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
