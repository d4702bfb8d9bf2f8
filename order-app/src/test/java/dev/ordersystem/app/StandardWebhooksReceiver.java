package dev.ordersystem.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A webhook receiver that verifies every delivery with the Standard Webhooks reference library:
 * {@code src/test/webhooks/receiver.mjs} run by Node.js, with the {@code standardwebhooks} npm
 * package pinned in {@code src/test/webhooks/package-lock.json} and installed by {@code npm ci}
 * into {@code target/webhook-receiver} (as order-http's OpenAPI lint installs Redocly). Each
 * request it saw is one {@link Seen}. It can be stopped (its port then refuses connections) and
 * started again on the same port.
 */
final class StandardWebhooksReceiver implements AutoCloseable {
    private static final Path PINS = Path.of("src/test/webhooks");
    private static final Path WORK = Path.of("target/webhook-receiver");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOW_TO_INSTALL = "the webhook tests verify deliveries with the standardwebhooks npm package and need"
            + " Node.js 18+ with npm on the PATH: install them (e.g. `apt-get install nodejs npm`) and run the build again";

    /** What the receiver saw of one request; {@code answered} 0: it never answered. */
    record Seen(String id, String timestamp, boolean verified, String error, int answered, String type, String orderNo,
                String status) {
        boolean accepted() {
            return answered >= 200 && answered < 300;
        }
    }

    private final int port;
    private final String secret;
    private final String mode;
    private final List<Seen> seen = new ArrayList<>();
    private Process node;

    private StandardWebhooksReceiver(int port, String secret, String mode) {
        this.port = port;
        this.secret = secret;
        this.mode = mode;
    }

    /** A free port on 127.0.0.1 for a receiver to start on later (the endpoint is registered first, for its secret). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Installs the pinned library (once per build) and starts the receiver. */
    static StandardWebhooksReceiver start(int port, String secret, String mode) throws IOException, InterruptedException {
        install();
        StandardWebhooksReceiver receiver = new StandardWebhooksReceiver(port, secret, mode);
        receiver.startNode();
        return receiver;
    }

    synchronized void stop() throws InterruptedException {
        if (node == null) return;
        node.destroy();
        if (!node.waitFor(10, TimeUnit.SECONDS)) node.destroyForcibly().waitFor();
        node = null;
    }

    void restart() throws IOException, InterruptedException {
        stop();
        startNode();
    }

    synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void startNode() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", "receiver.mjs", Integer.toString(port), secret, mode)
                .directory(WORK.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        CountDownLatch listening = new CountDownLatch(1);
        Thread.ofPlatform().daemon().name("webhook-receiver-" + port).start(() -> read(process, listening));
        if (!listening.await(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the webhook receiver did not listen on port " + port + " within 30 s");
        }
        synchronized (this) {
            node = process;
        }
    }

    private void read(Process process, CountDownLatch listening) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode json = JSON.readTree(line);
                if (json.has("listening")) {
                    listening.countDown();
                    continue;
                }
                synchronized (this) {
                    seen.add(new Seen(text(json, "id"), text(json, "timestamp"), json.path("verified").asBoolean(),
                            text(json, "error"), json.path("answered").asInt(), text(json, "type"), text(json, "orderNo"),
                            text(json, "status")));
                }
            }
        } catch (IOException e) {
            // the process ended; what it printed before is kept
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static synchronized void install() throws IOException, InterruptedException {
        requireNode();
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "receiver.mjs")) {
            Files.copy(PINS.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(WORK.resolve("node_modules/standardwebhooks"))) return;
        Process npm = new ProcessBuilder("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(WORK.toFile()).redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(npm.waitFor(300, TimeUnit.SECONDS)).as("npm ci in %s finished", WORK).isTrue();
        assertThat(npm.exitValue()).as("npm ci in %s failed:%n%s", WORK, output).isZero();
    }

    private static void requireNode() throws InterruptedException {
        String version;
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            Process npm = new ProcessBuilder("npm", "--version").redirectErrorStream(true).start();
            npm.getInputStream().readAllBytes();
            if (node.waitFor() != 0 || npm.waitFor() != 0) throw new IOException("node " + version);
        } catch (IOException e) {
            fail("Node.js is missing (" + e.getMessage() + "): " + HOW_TO_INSTALL);
            return;
        }
        Matcher m = Pattern.compile("v(\\d+)\\.").matcher(version);
        if (!m.find() || Integer.parseInt(m.group(1)) < 18) fail("found node " + version + ": " + HOW_TO_INSTALL);
    }

    /** Waits (polling, up to {@code limit}) until {@code done} holds for what was seen. */
    List<Seen> awaitSeen(java.util.function.Predicate<List<Seen>> done, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<Seen> now = seen();
        while (!done.test(now) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            now = seen();
        }
        return now;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
