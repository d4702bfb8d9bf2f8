package dev.ordersystem.faults;

import dev.ordersystem.harness.AppProcess;
import dev.ordersystem.harness.WireHttp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * N instances of the app jar in production mode on one database and one Redis, each with its
 * own port and {@code ORDER_NODE_ID}. An instance can be killed with SIGKILL and started again on
 * the same port, as a crashed process restarted by its supervisor.
 */
final class AppCluster implements AutoCloseable {
    /** Every instance this driver started, for {@link #killAllStarted()}. */
    private static final Set<AppProcess> STARTED = ConcurrentHashMap.newKeySet();

    private final List<AppProcess> instances = new ArrayList<>();

    AppCluster(Path jar, Path workDir, int count, Map<String, String> env) {
        this(jar, workDir, Collections.nCopies(count, env), self -> Map.of());
    }

    /** As above, each instance also with {@code ownSettings} of its own address (e.g. the notify addresses it gives providers). */
    AppCluster(Path jar, Path workDir, int count, Map<String, String> env, Function<URI, Map<String, String>> ownSettings) {
        this(jar, workDir, Collections.nCopies(count, env), ownSettings);
    }

    /** One instance per environment, each also with {@code ownSettings} of its own address. */
    AppCluster(Path jar, Path workDir, List<Map<String, String>> envs, Function<URI, Map<String, String>> ownSettings) {
        for (int i = 0; i < envs.size(); i++) {
            int port = AppProcess.freePort();
            Map<String, String> own = new HashMap<>(envs.get(i));
            own.put("ORDER_NODE_ID", String.valueOf(101 + i));
            own.putAll(ownSettings.apply(URI.create("http://127.0.0.1:" + port)));
            AppProcess app = new AppProcess(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()),
                    own, workDir, workDir.resolve("app-" + (i + 1) + ".log"), port);
            instances.add(app);
            STARTED.add(app);
        }
    }

    int size() {
        return instances.size();
    }

    /** The client of one instance. */
    WireHttp http(int instance) {
        return instances.get(instance).http();
    }

    /** A random instance, as a load balancer in front of them would pick. */
    int pick() {
        return ThreadLocalRandom.current().nextInt(instances.size());
    }

    /** Starts every instance, the first one alone (it runs the schema migration). */
    void start() {
        for (int i = 0; i < instances.size(); i++) {
            launch(i);
            awaitReady(i, Duration.ofSeconds(90));
        }
    }

    void launch(int instance) {
        instances.get(instance).launch();
    }

    /**
     * SIGKILLs every instance process this driver started that still runs: from the shutdown hook,
     * so a driver stopped by a signal (a CI timeout) leaves no app behind.
     */
    static void killAllStarted() {
        for (AppProcess app : STARTED) if (app.alive()) app.kill();
    }

    /** SIGKILL: no graceful shutdown, claimed delay jobs stay leased until the lease runs out. */
    void kill(int instance) {
        instances.get(instance).kill();
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
        for (int i = 0; i < instances.size() && !inodes.isEmpty(); i++) {
            AppProcess app = instances.get(i);
            if (!app.alive()) continue;
            try (var fds = Files.list(Path.of("/proc", Long.toString(app.pid()), "fd"))) {
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
        try {
            instances.get(instance).awaitReady(timeout);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("instance " + (instance + 1) + ": " + e.getMessage(), e);
        }
    }

    /** Waits until every instance is ready; returns how long that took. */
    Duration awaitAllReady(Duration timeout) {
        long start = System.nanoTime();
        for (int i = 0; i < instances.size(); i++) {
            awaitReady(i, timeout.minusNanos(System.nanoTime() - start));
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Asks every instance to shut down, then waits for each. */
    @Override
    public void close() {
        instances.forEach(AppProcess::terminate);
        instances.forEach(AppProcess::close);
        STARTED.removeAll(instances);
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("order-faults-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
