package dev.ordersystem.faults;

import dev.ordersystem.harness.Json;
import dev.ordersystem.harness.ShopApi;
import dev.ordersystem.harness.WireReply;
import dev.ordersystem.harness.WireRequest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The shop the clients talk to: the cluster behind a "load balancer" (a random instance, the next
 * one when a connection is refused), the admin token, the catalogue and buyers made at setup,
 * and the ledger every answer is counted in.
 */
final class FaultShop {
    /** How long a client waits for an answer before it counts a timeout. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);
    static final String PASSWORD = "fault-pass-1";

    record Buyer(long userId, String username, String token, long addressId) {
    }

    final AppCluster cluster;
    final Ledger ledger = new Ledger();
    /** The payment loop's trades and cashier payments. */
    final PaymentLedger payments = new PaymentLedger();
    /** Orders the clients paid at the sandbox's cashier, and from the balance, for the admin to refund ({@link AdminRefunds}). */
    final Queue<String> paidAtProvider = new ConcurrentLinkedQueue<>();
    final Queue<String> paidFromBalance = new ConcurrentLinkedQueue<>();
    /** Each order goes to those queues once (a client may learn twice that it paid): one admin at a time has it. */
    private final Set<String> offeredForRefund = ConcurrentHashMap.newKeySet();
    final String adminToken;
    /** Setup calls, on instance 1. */
    final ShopApi api;
    final List<Long> products = new ArrayList<>();
    final List<Buyer> buyers = new ArrayList<>();

    FaultShop(AppCluster cluster, String adminToken) {
        this.cluster = cluster;
        this.adminToken = adminToken;
        this.api = new ShopApi(cluster.http(0), adminToken);
    }

    /** A client learnt that {@code orderNo} is paid ({@code queue}: how): the admin may refund it. */
    void paid(Queue<String> queue, String orderNo) {
        if (offeredForRefund.add(orderNo)) queue.add(orderNo);
    }

    /** Sends to a random instance; a refused connection goes to the next. Empty when no answer came. */
    Optional<WireReply> call(String kind, String method, String path, String token, Object body, Map<String, String> headers) {
        int first = cluster.pick();
        String text = body == null ? null : body instanceof String s ? s : Json.write(body);
        WireRequest request = WireRequest.of(method, path).withToken(token).withBody(text).withHeaders(headers).withTimeout(REQUEST_TIMEOUT);
        for (int attempt = 0; attempt < cluster.size(); attempt++) {
            int instance = (first + attempt) % cluster.size();
            try {
                return Optional.of(counted(kind, instance, request));
            } catch (SocketTimeoutException e) {
                ledger.count(kind + " timeout");
                return Optional.empty(); // the request may have been served: never re-sent blindly elsewhere
            } catch (IOException e) {
                ledger.count(kind + " " + (e instanceof ConnectException ? "refused" : "io-error"));
            }
        }
        return Optional.empty();
    }

    /**
     * Sends to one instance only: a notification is delivered (and re-delivered) to the same
     * instance, as a provider retries the notify address it was given.
     */
    Optional<WireReply> callOn(int instance, String kind, String method, String path, String token, String body,
                               Map<String, String> headers) {
        try {
            return Optional.of(counted(kind, instance, WireRequest.of(method, path).withToken(token).withBody(body)
                    .withHeaders(headers).withTimeout(REQUEST_TIMEOUT)));
        } catch (SocketTimeoutException e) {
            ledger.count(kind + " timeout");
        } catch (IOException e) {
            ledger.count(kind + " " + (e instanceof ConnectException ? "refused" : "io-error"));
        }
        return Optional.empty();
    }

    private WireReply counted(String kind, int instance, WireRequest request) throws IOException {
        WireReply reply = cluster.http(instance).send(request);
        ledger.count(kind + " " + reply.status() + (reply.status() >= 400 ? " " + reply.code() : ""));
        return reply;
    }

    /** Products with ample stock, one scarce product (sells out: insufficient-stock answers), buyers with funds. */
    void stock(int buyerCount, String runId) throws IOException, InterruptedException {
        for (int i = 0; i < 12; i++) {
            products.add(api.createProduct("fault item " + i, "fault suite product", 100 + 37L * i, i == 0 ? 40 : 1_000_000));
        }
        // Two buyers at a time (one per core): password hashing is slow by design.
        Semaphore cores = new Semaphore(2);
        List<Buyer> made = Collections.synchronizedList(new ArrayList<>());
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Buyer>> futures = new ArrayList<>();
            for (int i = 0; i < buyerCount; i++) {
                String username = "fb" + runId + "x" + i;
                futures.add(pool.submit(() -> {
                    cores.acquire();
                    try {
                        return buyer(username, 500_000_00L, "fault suite funds",
                                new ShopApi.Address("Han Meimei", "+86 139-0000-0000", "Hangzhou", "8 West Lake Rd"));
                    } finally {
                        cores.release();
                    }
                }));
            }
            for (var future : futures) made.add(future.get());
        } catch (ExecutionException e) {
            throw new IllegalStateException("setting up buyers failed: " + e.getCause(), e.getCause());
        }
        buyers.addAll(made);
    }

    /** A new user with {@code funds} on their balance, logged in, with one address. */
    Buyer buyer(String username, long funds, String reason, ShopApi.Address address) throws IOException {
        long userId = api.register(username, PASSWORD);
        api.topUp(userId, funds, reason);
        String token = api.login(username, PASSWORD);
        return new Buyer(userId, username, token, api.addAddress(token, address));
    }
}
