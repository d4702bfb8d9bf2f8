package dev.ordersystem.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The suite's Redis through {@code redis-cli}: the suite looks at the app's keys without linking its adapter. */
final class RedisCli {
    private final int port;

    /** The Redis listening on loopback at {@code port} ({@link Servers#redisPort()}). */
    RedisCli(int port) {
        this.port = port;
    }

    /** One command; its reply one element per line (redis-cli's raw output when not on a terminal; nil is an empty line). */
    List<String> run(String... command) {
        List<String> args = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        args.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("redis-cli " + command[0] + " failed: " + out);
            }
            List<String> lines = new ArrayList<>(out.lines().toList());
            if (lines.isEmpty()) lines.add("");
            // redis-cli exits 0 on an error reply and prints it like a value.
            if (lines.getFirst().startsWith("ERR ") || lines.getFirst().startsWith("WRONGTYPE ")) {
                throw new IllegalStateException("redis-cli " + command[0] + ": " + lines.getFirst());
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run redis-cli: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
