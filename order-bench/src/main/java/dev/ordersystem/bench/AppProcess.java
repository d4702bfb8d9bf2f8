package dev.ordersystem.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JVM the suite starts and stops: the app jar in production or embedded mode, or the bare
 * Javalin server. Output goes to a log file under {@code order-bench/target/bench-logs}.
 */
final class AppProcess implements AutoCloseable {
    private final Process process;
    final int port;
    final Duration startTime;

    private AppProcess(Process process, int port, Duration startTime) {
        this.process = process;
        this.port = port;
        this.startTime = startTime;
    }

    static AppProcess start(String name, List<String> javaArgs, Map<String, String> env, String readyPath,
                            Path workDir) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArgs);
        ProcessBuilder builder = new ProcessBuilder(command.stream().map(a -> a.replace("{port}", "" + port)).toList());
        builder.environment().keySet().removeIf(k -> k.startsWith("ORDER_"));
        builder.environment().putAll(env);
        builder.environment().put("ORDER_HTTP_PORT", "" + port);
        Path logs = Path.of("order-bench", "target", "bench-logs");
        Files.createDirectories(logs);
        builder.redirectErrorStream(true).redirectOutput(logs.resolve(name + ".log").toFile()).directory(workDir.toFile());
        long t0 = System.nanoTime();
        Process process = builder.start();
        Http http = new Http(port);
        long deadline = t0 + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException(name + " exited at start; see " + logs.resolve(name + ".log"));
            try {
                if (http.getStatus(readyPath, null) == 200) {
                    return new AppProcess(process, port, Duration.ofNanos(System.nanoTime() - t0));
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " not ready within 60 s");
    }

    long pid() {
        return process.pid();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: the app shuts down gracefully
        if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(20), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
