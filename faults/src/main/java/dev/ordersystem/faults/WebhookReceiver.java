package dev.ordersystem.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook consumer in the traffic (DESIGN §15): a JDK HTTP server on loopback that verifies each
 * delivery's Standard Webhooks signature (HMAC-SHA256 with the {@code whsec_} secret's bytes over
 * {@code "<webhook-id>.<webhook-timestamp>.<body>"}, timestamp within 5 minutes), records every
 * arrival in order (id, type, order, whether it was accepted) and answers 204 — or 500 to one
 * first arrival in eight, so the app retries.
 */
final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TOLERANCE_SECONDS = 300;

    /** One request, numbered in the order they came; {@code accepted}: answered 2xx. */
    record Arrival(long seq, String id, String type, String orderNo, boolean accepted) {
    }

    private final HttpServer server;
    private final AtomicLong seq = new AtomicLong();
    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private volatile byte[] key;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fault-webhooks";
    }

    /** The endpoint's secret, as its creation answered it ({@code whsec_<base64>}). */
    void secret(String secret) {
        if (!secret.startsWith("whsec_")) throw new IllegalArgumentException("not a whsec_ secret");
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
            String refusal = refusal(id, timestamp, signatures, body);
            if (refusal != null) {
                problems.add("webhook " + id + " refused: " + refusal);
                answer(exchange, 401);
                return;
            }
            JsonNode event = JSON.readTree(body);
            String type = event.path("type").asText();
            String orderNo = event.path("data").path("orderNo").asText();
            // One first arrival in eight fails: the app must come back with the same id (and keep the order's order).
            boolean fail = seen.add(id) && ThreadLocalRandom.current().nextInt(8) == 0;
            arrivals.add(new Arrival(seq.incrementAndGet(), id, type, orderNo, !fail));
            answer(exchange, fail ? 500 : 204);
        }
    }

    private String refusal(String id, String timestamp, String signatures, byte[] body) {
        byte[] secret = key;
        if (secret == null) return "no endpoint subscribed yet";
        if (id == null || timestamp == null || signatures == null) return "a webhook-* header is missing";
        long sent;
        try {
            sent = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not a number";
        }
        if (Math.abs(System.currentTimeMillis() / 1000 - sent) > TOLERANCE_SECONDS) return "webhook-timestamp " + sent + " is more than 5 minutes off";
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            expected = mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        for (String signature : signatures.split(" ")) {
            if (!signature.startsWith("v1,")) continue;
            try {
                if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) return null;
            } catch (IllegalArgumentException e) {
                // not base64: not this one
            }
        }
        return "no v1 signature matches";
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.getResponseHeaders().put("Content-Type", List.of("text/plain"));
        exchange.sendResponseHeaders(status, -1);
    }

    /** The receiver's own tally, for the report. */
    Map<String, Long> counts() {
        long accepted = arrivals.stream().filter(Arrival::accepted).count();
        return Map.of("arrivals", (long) arrivals.size(), "accepted", accepted, "failed on purpose", arrivals.size() - accepted);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
