package dev.ordersystem.faults;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shop the clients talk to: the cluster behind a "load balancer" (a random instance, the next
 * one when a connection is refused), the admin token, the catalogue and buyers made at setup,
 * and the ledger every answer is counted in.
 */
final class Shop {
    record Buyer(long userId, String username, String token, long addressId) {
    }

    final AppCluster cluster;
    final Http http = new Http();
    final Ledger ledger = new Ledger();
    final String adminToken;
    final List<Long> products = new ArrayList<>();
    final List<Buyer> buyers = new ArrayList<>();

    Shop(AppCluster cluster, String adminToken) {
        this.cluster = cluster;
        this.adminToken = adminToken;
    }

    /** Sends to a random instance; a refused connection goes to the next. Empty when no answer came. */
    Optional<Http.Reply> call(String kind, String method, String path, String token, Object body, Map<String, String> headers)
            throws InterruptedException {
        int first = cluster.pick();
        String text = body == null ? null : body instanceof String s ? s : Http.json(body);
        for (int attempt = 0; attempt < cluster.size(); attempt++) {
            int instance = (first + attempt) % cluster.size();
            try {
                Http.Reply reply = http.send(cluster.base(instance), method, path, token, text, headers);
                ledger.count(kind + " " + reply.status() + (reply.status() >= 400 ? " " + reply.code() : ""));
                return Optional.of(reply);
            } catch (HttpTimeoutException e) {
                ledger.count(kind + " timeout");
                return Optional.empty(); // the request may have been served: never re-sent blindly elsewhere
            } catch (IOException e) {
                ledger.count(kind + " " + (e instanceof java.net.ConnectException ? "refused" : "io-error"));
            }
        }
        return Optional.empty();
    }

    /**
     * Sends to one instance only: the sandbox's signing keys are made per instance at its start,
     * so a notification it emitted is delivered (and re-delivered) to that instance.
     */
    Optional<Http.Reply> callOn(int instance, String kind, String method, String path, String token, String body,
                                Map<String, String> headers) throws InterruptedException {
        try {
            Http.Reply reply = http.send(cluster.base(instance), method, path, token, body, headers);
            ledger.count(kind + " " + reply.status() + (reply.status() >= 400 ? " " + reply.code() : ""));
            return Optional.of(reply);
        } catch (HttpTimeoutException e) {
            ledger.count(kind + " timeout");
        } catch (IOException e) {
            ledger.count(kind + " " + (e instanceof java.net.ConnectException ? "refused" : "io-error"));
        }
        return Optional.empty();
    }

    /** Setup step on instance 1 that must succeed (no faults run yet). */
    JsonNode setup(String method, String path, String token, Object body, int expected) throws IOException, InterruptedException {
        // Generous timeout: registering and logging in hash passwords slowly by design, and the
        // machine may be busy with other work.
        Http.Reply reply = http.send(cluster.base(0), method, path, token, body == null ? null : Http.json(body), Map.of(),
                java.time.Duration.ofSeconds(90));
        if (reply.status() != expected) throw new IllegalStateException(method + " " + path + " answered " + reply);
        return reply.json();
    }

    /** Products with ample stock, one scarce product (sells out: insufficient-stock answers), buyers with funds. */
    void stock(int buyerCount, String runId) throws IOException, InterruptedException {
        for (int i = 0; i < 12; i++) {
            long stock = i == 0 ? 40 : 1_000_000;
            products.add(setup("POST", "/api/v1/admin/products", adminToken, Map.of("name", "fault item " + i,
                    "description", "fault suite product", "price", 100 + 37L * i, "stock", stock, "onSale", true), 201)
                    .get("id").asLong());
        }
        // Two buyers at a time (one per core): password hashing is slow by design.
        java.util.concurrent.Semaphore cores = new java.util.concurrent.Semaphore(2);
        List<Buyer> made = java.util.Collections.synchronizedList(new ArrayList<>());
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Buyer>> futures = new ArrayList<>();
            for (int i = 0; i < buyerCount; i++) {
                String username = "fb" + runId + "x" + i;
                futures.add(pool.submit(() -> {
                    cores.acquire();
                    try {
                        return buyer(username);
                    } finally {
                        cores.release();
                    }
                }));
            }
            for (var future : futures) made.add(future.get());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("setting up buyers failed: " + e.getCause(), e.getCause());
        }
        buyers.addAll(made);
    }

    private Buyer buyer(String username) throws IOException, InterruptedException {
        {
            long userId = setup("POST", "/api/v1/auth/register", null, Map.of("username", username, "password", "fault-pass-1"), 201)
                    .get("userId").asLong();
            setup("POST", "/api/v1/admin/users/" + userId + "/balance", adminToken, Map.of("amount", 500_000_00L, "reason", "fault suite funds"), 200);
            String token = setup("POST", "/api/v1/auth/login", null, Map.of("username", username, "password", "fault-pass-1"), 200)
                    .get("token").asText();
            long addressId = setup("POST", "/api/v1/me/addresses", token, Map.of("recipient", "Han Meimei",
                    "phone", "+86 139-0000-0000", "region", "Hangzhou", "detail", "8 West Lake Rd"), 201).get("id").asLong();
            return new Buyer(userId, username, token, addressId);
        }
    }
}
