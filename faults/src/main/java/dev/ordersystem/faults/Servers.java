package dev.ordersystem.faults;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Stops, starts and kills the suite's MariaDB and Redis, the way an operator or a crash would.
 * By default they are the machine's servers on the standard ports, started with the commands
 * {@code .ci/run} uses; {@link #fromEnvironment} points the suite at private ones instead (so it
 * can run on a box whose servers others are using). Every stop is paired with a start, and
 * {@link #restoreAll()} runs at the end of the suite (and from a shutdown hook).
 */
final class Servers {
    /** The machine's server: its pid file and error log as {@code /etc/mysql/my.cnf} (Debian's, and CI's) sets them. */
    private static final Path SYSTEM_MARIADB_PID = Path.of("/run/mysqld/mysqld.pid");
    private static final Path SYSTEM_MARIADB_LOG = Path.of("/var/log/mysql/error.log");
    private static final String MARIADBD = "/usr/sbin/mariadbd";

    private final int mariadbPort;
    /** A private server's directory ({@code data/} made by mariadb-install-db; socket, pid file, log beside it), or empty. */
    private final Optional<Path> mariadbDir;
    private final int redisPort;
    private final Optional<Path> redisDir;

    Servers(int mariadbPort, Optional<Path> mariadbDir, int redisPort, Optional<Path> redisDir) {
        this.mariadbPort = mariadbPort;
        this.mariadbDir = mariadbDir.map(Path::toAbsolutePath);
        this.redisPort = redisPort;
        this.redisDir = redisDir.map(Path::toAbsolutePath);
    }

    /**
     * {@code FAULTS_MARIADB_PORT} (3306), {@code FAULTS_MARIADB_DIR} (none: the machine's server),
     * {@code FAULTS_REDIS_PORT} (6379), {@code FAULTS_REDIS_DIR} (none: {@code /var/lib/redis});
     * a bad value is refused naming its variable.
     */
    static Servers fromEnvironment(Map<String, String> env) {
        Optional<Path> mariadbDir = nonBlank(env, "FAULTS_MARIADB_DIR").map(Path::of);
        mariadbDir.ifPresent(dir -> {
            if (!Files.isDirectory(dir.resolve("data/mysql"))) {
                throw new IllegalArgumentException("FAULTS_MARIADB_DIR=" + dir + " holds no data/mysql: initialise it with"
                        + " mariadb-install-db --user=mysql --datadir=" + dir.resolve("data") + " (and chown -R mysql " + dir + ")");
            }
        });
        return new Servers(port(env, "FAULTS_MARIADB_PORT", 3306), mariadbDir, port(env, "FAULTS_REDIS_PORT", 6379),
                nonBlank(env, "FAULTS_REDIS_DIR").map(Path::of));
    }

    int mariadbPort() {
        return mariadbPort;
    }

    int redisPort() {
        return redisPort;
    }

    /** One line for the run's header: which servers the faults hit. */
    String describe() {
        return "MariaDB 127.0.0.1:" + mariadbPort + mariadbDir.map(d -> " (private, " + d + ")").orElse("")
                + ", Redis 127.0.0.1:" + redisPort + redisDir.map(d -> " (private, " + d + ")").orElse("");
    }

    /** Kills Redis without saving: every key (guards, delay queue, cache) is gone, as after a crash. */
    void killRedis() {
        run(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(redisPort), "shutdown", "nosave"));
        awaitPort(redisPort, false, Duration.ofSeconds(10));
    }

    void startRedis() {
        if (!listening(redisPort)) {
            Path dir = redisDir.orElse(Path.of("/var/lib/redis"));
            Path log = redisDir.map(d -> d.resolve("redis.log")).orElse(Path.of("/var/log/redis/ci.log"));
            List<String> command = new ArrayList<>(List.of("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1",
                    "--port", Integer.toString(redisPort), "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--logfile", log.toString()));
            // Daemonized without one, Redis writes /var/run/redis.pid: the machine's server's, not a private one's.
            redisDir.ifPresent(d -> command.addAll(List.of("--pidfile", d.resolve("redis.pid").toString())));
            run(command);
        }
        awaitPort(redisPort, true, Duration.ofSeconds(20));
    }

    /** A clean shutdown: InnoDB flushes and stops; nothing to recover at the next start. */
    void stopMariaDb() {
        List<String> admin = new ArrayList<>(List.of("mariadb-admin"));
        mariadbDir.ifPresent(dir -> admin.addAll(List.of("--no-defaults", "--protocol=socket", "--socket=" + dir.resolve("mysqld.sock"))));
        admin.addAll(List.of("-uroot", "shutdown"));
        run(admin);
        awaitPort(mariadbPort, false, Duration.ofSeconds(60));
    }

    /** What {@link #crashMariaDb()} did: the process killed and where its error log continues. */
    record Crash(long pid, Path errorLog, long logOffset) {
        /** The lines the server logged since the kill that tell of InnoDB's crash recovery (empty when it logged none or elsewhere). */
        List<String> recoveryLines() {
            List<String> lines = new ArrayList<>();
            try (RandomAccessFile log = new RandomAccessFile(errorLog.toFile(), "r")) {
                if (log.length() < logOffset) return lines;
                log.seek(logOffset);
                byte[] rest = new byte[(int) Math.min(log.length() - logOffset, 1 << 20)];
                log.readFully(rest);
                for (String line : new String(rest, StandardCharsets.UTF_8).split("\n")) {
                    if (line.matches(".*(crash recovery|End of log|To recover|[Rr]olled back|[Rr]olling back|ready for connections).*")) {
                        lines.add(line.strip());
                    }
                }
            } catch (IOException e) {
                lines.add("(cannot read " + errorLog + ": " + e.getMessage() + ")");
            }
            return lines;
        }
    }

    /**
     * SIGKILLs the suite's {@code mariadbd}, as a crash or the OOM killer would: no flush, no
     * clean shutdown; the next start runs InnoDB crash recovery from the redo log. The process is
     * the one in the server's pid file, and only when it is {@code mariadbd} and owns the socket
     * listening on {@link #mariadbPort()}: never another server of the machine.
     */
    Crash crashMariaDb() {
        Path pidFile = mariadbDir.map(d -> d.resolve("mysqld.pid")).orElse(SYSTEM_MARIADB_PID);
        Path errorLog = mariadbDir.map(d -> d.resolve("error.log")).orElse(SYSTEM_MARIADB_LOG);
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read the MariaDB pid from " + pidFile + ": " + e, e);
        }
        String command = ProcessHandle.of(pid).flatMap(p -> p.info().command()).orElse("?");
        if (!command.endsWith("/mariadbd")) throw new IllegalStateException("pid " + pid + " of " + pidFile + " is " + command + ", not mariadbd");
        if (!ownsListener(pid, mariadbPort)) {
            throw new IllegalStateException("pid " + pid + " of " + pidFile + " does not listen on port " + mariadbPort + ": not the suite's server");
        }
        long offset = errorLog.toFile().length();
        run(List.of("kill", "-9", Long.toString(pid)));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("mariadbd " + pid + " still alive 20 s after SIGKILL");
            sleep(20);
        }
        return new Crash(pid, errorLog, offset);
    }

    void startMariaDb() {
        if (!listening(mariadbPort)) {
            if (mariadbDir.isPresent()) {
                Path dir = mariadbDir.get();
                // A private server: nothing from /etc/mysql (its port, socket and datadir are the machine's server's).
                // start-stop-daemon matches the pid file and the executable, so a stale pid file after a SIGKILL starts it.
                run(List.of("start-stop-daemon", "--start", "--oknodo", "--background", "--pidfile", dir.resolve("mysqld.pid").toString(),
                        "--exec", MARIADBD, "--", "--no-defaults", "--datadir=" + dir.resolve("data"), "--port=" + mariadbPort,
                        "--socket=" + dir.resolve("mysqld.sock"), "--pid-file=" + dir.resolve("mysqld.pid"), "--user=mysql",
                        "--bind-address=127.0.0.1", "--skip-name-resolve", "--character-set-server=utf8mb4",
                        "--collation-server=utf8mb4_general_ci", "--log-error=" + dir.resolve("error.log")));
            } else {
                run(List.of("mkdir", "-p", "/run/mysqld"));
                run(List.of("chown", "mysql:mysql", "/run/mysqld"));
                run(List.of("start-stop-daemon", "--start", "--oknodo", "--background", "--exec", MARIADBD));
            }
        }
        // Crash recovery replays the redo log before the port opens: a busy machine may take a while.
        awaitPort(mariadbPort, true, Duration.ofSeconds(120));
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

    /** Whether process {@code pid} holds the socket listening on {@code port} (/proc/net/tcp[6] state 0A, then /proc/pid/fd). */
    static boolean ownsListener(long pid, int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                    String[] f = line.trim().split("\\s+");
                    int local = Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16);
                    if (local == port && f[3].equals("0A")) inodes.add("socket:[" + f[9] + "]");
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + table + ": " + e, e);
            }
        }
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (inodes.contains(Files.readSymbolicLink(fd).toString())) return true;
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the descriptors of pid " + pid + ": " + e, e);
        }
        return false;
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

    private static Optional<String> nonBlank(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        Optional<String> text = nonBlank(env, name);
        if (text.isEmpty()) return fallback;
        try {
            int port = Integer.parseInt(text.get());
            if (port >= 1 && port <= 65535) return port;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(name + " must be a TCP port (1..65535), not " + text.get());
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
