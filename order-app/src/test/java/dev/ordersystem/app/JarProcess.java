package dev.ordersystem.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar order-app/target/order-app.jar} as a child process, the way a newcomer runs
 * it: the test's own JDK, a working directory of its own, and none of the caller's {@code ORDER_*}
 * (or payment) variables, so only what a test passes configures it. Output goes to a log file.
 */
final class JarProcess implements AutoCloseable {
    /**
     * How long a jar may take to answer /health/live. A bound, not an expectation: a quiet machine starts it in a few
     * seconds, but a shared 2-core one at a load of 30 took more than 30 s, and a jar that exits fails at once anyway.
     */
    private static final long START_BOUND_SECONDS = 180;
    private final Process process;
    private final Path log;

    private JarProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The module directory: Maven's {@code basedir}, else the working directory (Failsafe runs there). */
    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    static Path jar() {
        Path jar = moduleDir().resolve("target/order-app.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: it is built by the package phase, run these tests with"
                    + " `bin/mvn -pl order-app -am verify`");
        }
        return jar;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JarProcess start(Path workDir, Map<String, String> config) {
        String java = ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("no java command"));
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", jar().toString())).directory(workDir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("ORDER_") || k.startsWith("WECHATPAY_") || k.startsWith("ALIPAY_"));
        builder.environment().putAll(config);
        Path log = workDir.resolve("server.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            return new JarProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for {@code GET /health/live} to answer 200; fails with the server's output if it exits or never answers. */
    void awaitLive(int port) throws InterruptedException {
        ApiClient api = new ApiClient(port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_BOUND_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new AssertionError("the server exited with " + process.exitValue() + ":\n" + output());
            try {
                if (api.get("/health/live", null).status() == 200) return;
            } catch (IllegalStateException notYetListening) {
                // connection refused while the server starts
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not answer /health/live within " + START_BOUND_SECONDS + " s:\n" + output());
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) throw new AssertionError("still running:\n" + output());
        return process.exitValue();
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (graceful shutdown), then a kill if it lingers. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
