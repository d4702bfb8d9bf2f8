package dev.ordersystem.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the machine's MariaDB and Redis (loopback, standard ports), the way an
 * operator or a crash would. Every stop is paired with a start, and {@link #restoreAll()} runs at
 * the end of the suite (and from a shutdown hook), because other work on the box shares them.
 */
final class Servers {
    private static final List<String> REDIS_START = List.of("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1",
            "--port", "6379", "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log");
    private static final List<String> MARIADB_START = List.of("start-stop-daemon", "--start", "--oknodo", "--background",
            "--exec", "/usr/sbin/mariadbd");

    /** Kills Redis without saving: every key (guards, delay queue, cache) is gone, as after a crash. */
    void killRedis() {
        run(List.of("redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"));
        awaitPort(6379, false, Duration.ofSeconds(10));
    }

    void startRedis() {
        if (!listening(6379)) run(REDIS_START);
        awaitPort(6379, true, Duration.ofSeconds(20));
    }

    void stopMariaDb() {
        run(List.of("mariadb-admin", "-uroot", "shutdown"));
        awaitPort(3306, false, Duration.ofSeconds(60));
    }

    void startMariaDb() {
        if (!listening(3306)) {
            run(List.of("mkdir", "-p", "/run/mysqld"));
            run(List.of("chown", "mysql:mysql", "/run/mysqld"));
            run(MARIADB_START);
        }
        awaitPort(3306, true, Duration.ofSeconds(60));
    }

    /** Starts whichever of the two is down; never throws. */
    void restoreAll() {
        try {
            startRedis();
        } catch (RuntimeException e) {
            System.err.println("faults: could not restart Redis: " + e.getMessage());
        }
        try {
            startMariaDb();
        } catch (RuntimeException e) {
            System.err.println("faults: could not restart MariaDB: " + e.getMessage());
        }
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitPort(int port, boolean up, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (listening(port) == up) return;
            sleep(100);
        }
        throw new IllegalStateException("port " + port + " did not go " + (up ? "up" : "down") + " within " + timeout);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
