package dev.ordersystem.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the suites start and stop on a port of its own: the app jar (or a reference server) with
 * the given JVM arguments and environment, its output in a log file. It can be SIGKILLed and
 * launched again on the same port, as a crashed process restarted by its supervisor.
 */
public final class AppProcess implements AutoCloseable {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final List<String> command;
    private final Map<String, String> env;
    private final Path workDir;
    private final Path log;
    private final int port;
    private final WireHttp http;
    private volatile Process process;
    private volatile long launchedAt;

    /**
     * {@code javaArgs}: what follows {@code java} ({@code -Xmx512m -jar app.jar}); {@code env}: the
     * app's settings ({@code ORDER_*}; those of this process's own environment are not passed on,
     * and {@code ORDER_HTTP_PORT} is the port chosen here).
     */
    public AppProcess(List<String> javaArgs, Map<String, String> env, Path workDir, Path log) {
        this(javaArgs, env, workDir, log, freePort());
    }

    /** As above, on {@code port} (from {@link #freePort()}): for settings that name the process's own address. */
    public AppProcess(List<String> javaArgs, Map<String, String> env, Path workDir, Path log, int port) {
        List<String> full = new ArrayList<>();
        full.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        full.addAll(javaArgs);
        this.command = List.copyOf(full);
        this.env = Map.copyOf(env);
        this.workDir = workDir;
        this.log = log;
        this.port = port;
        this.http = new WireHttp(port);
    }

    /**
     * The settings of the app in production mode on {@code db} and the Redis at {@code redisPort}
     * (keys under {@code redisPrefix}); a mutable copy, for the caller's own additions.
     */
    public static Map<String, String> productionEnv(AppDatabase db, int redisPort, String redisPrefix, String adminToken) {
        Map<String, String> env = new HashMap<>();
        env.put("ORDER_DB_URL", db.url());
        env.put("ORDER_DB_USER", db.user());
        env.put("ORDER_DB_PASSWORD", db.password());
        env.put("ORDER_REDIS_URL", "redis://127.0.0.1:" + redisPort);
        env.put("ORDER_REDIS_PREFIX", redisPrefix);
        env.put("ORDER_ADMIN_TOKEN", adminToken);
        return env;
    }

    /** Launches and waits until it is ready; a process that does not get there is stopped. */
    public static AppProcess started(List<String> javaArgs, Map<String, String> env, Path workDir, Path log, Duration timeout) {
        AppProcess app = new AppProcess(javaArgs, env, workDir, log);
        try {
            app.launch();
            app.awaitReady(timeout);
            return app;
        } catch (RuntimeException e) {
            app.kill();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** The client of this process's port. */
    public WireHttp http() {
        return http;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** Starts the process (again, after {@link #kill()}); the log is started afresh at the first launch, appended to after. */
    public void launch() {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("ORDER_") || k.startsWith("WECHATPAY_") || k.startsWith("ALIPAY_"));
        builder.environment().putAll(env);
        builder.environment().put("ORDER_HTTP_PORT", Integer.toString(port));
        builder.redirectErrorStream(true).redirectOutput(process == null
                ? ProcessBuilder.Redirect.to(log.toFile()) : ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            launchedAt = System.nanoTime();
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until {@code GET /health/ready} answers 200; returns the time since the launch. While
     * nothing listens a probe is a refused connection and is tried every 10 ms (a start is timed
     * to that); once the app answers, each probe runs its readiness checks against the database and
     * Redis, so they go every 100 ms.
     */
    public Duration awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Process p = process;
            if (!p.isAlive()) throw new IllegalStateException("the process on port " + port + " exited with " + p.exitValue() + "; see " + log);
            int status;
            try {
                status = http.send(WireRequest.get("/health/ready").withTimeout(PROBE_TIMEOUT)).status();
            } catch (ConnectException notListening) {
                status = 0;
            } catch (IOException e) {
                status = -1;
            }
            if (status == 200) return Duration.ofNanos(System.nanoTime() - launchedAt);
            pause(status == 0 ? 10 : 100);
        }
        throw new IllegalStateException("the process on port " + port + " was not ready within " + timeout + "; see " + log);
    }

    /** SIGKILL: no graceful shutdown (what the app holds stays held until its leases run out). */
    public void kill() {
        Process p = process;
        if (p == null) return;
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM without waiting: the app shuts down gracefully ({@link #close()} waits for it). */
    public void terminate() {
        Process p = process;
        if (p != null) p.destroy();
    }

    /** SIGTERM, then SIGKILL when it has not ended within 20 s. */
    @Override
    public void close() {
        http.close();
        Process p = process;
        if (p == null) return;
        p.destroy();
        try {
            if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) p.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A TCP port nothing listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
