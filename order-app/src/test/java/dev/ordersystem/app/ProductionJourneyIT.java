package dev.ordersystem.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.app.ApiClient.Reply;
import dev.ordersystem.app.Storefront.Buyer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app as deployed: production mode on MySQL/MariaDB and Redis, over real HTTP on a random
 * port, started through {@link AppConfig} exactly as {@code Main} does.
 */
class ProductionJourneyIT {
    /** Short so the expiry is seen within the test, long enough to pay a fresh order before it. */
    private static final Duration PAYMENT_TIMEOUT = Duration.ofSeconds(3);

    private final ProductionBackends backends = new ProductionBackends();
    private final List<Application> apps = new ArrayList<>();

    @AfterEach
    void stop() {
        try {
            apps.forEach(Application::close);
        } finally {
            backends.close();
        }
    }

    private Application start(int nodeId, Duration paymentTimeout) {
        Application app = Application.start(backends.config(nodeId, paymentTimeout), Clock.systemUTC());
        apps.add(app);
        return app;
    }

    @Test
    void aWholePurchaseWithExpiryLifecycleHealthMetricsAndAudit() throws InterruptedException {
        Application app = start(7, PAYMENT_TIMEOUT);
        Storefront shop = new Storefront(new ApiClient(app.port()), app.adminToken());
        ApiClient api = shop.api;

        long tea = shop.product("Green tea", 2_500, 100);
        long cup = shop.product("Tea cup", 1_200, 10);
        Buyer buyer = shop.logIn(shop.register("journey_buyer"));
        shop.topUp(buyer.userId(), 100_000);
        JsonNode me = api.get("/api/v1/me", buyer.token()).json();
        assertThat(me.get("username").asText()).isEqualTo("journey_buyer");
        assertThat(me.get("balance").asLong()).isEqualTo(100_000);

        // Browse: the list (store) and the detail (through the Redis cache).
        assertThat(api.all("/api/v1/products", null)).extracting(p -> p.get("id").asLong()).containsExactly(tea, cup);
        JsonNode teaView = api.get("/api/v1/products/" + tea, null).json();
        assertThat(teaView.get("price").asLong()).isEqualTo(2_500);
        assertThat(teaView.get("available").asLong()).isEqualTo(100);
        assertThat(api.get("/api/v1/products/" + (cup + 1_000), null).status()).isEqualTo(404);

        // BALANCE: paid at once; the order number carries this instance's node id.
        JsonNode paid = shop.placed(buyer, tea, 2, "BALANCE");
        assertThat(paid.get("status").asText()).isEqualTo("PAID");
        assertThat(paid.get("payAmount").asLong()).isEqualTo(5_000);
        assertThat(paid.get("orderNo").asText().substring(17, 20)).isEqualTo("007");
        assertThat(shop.balance(buyer)).isEqualTo(95_000);

        // WECHAT, then paid from the balance before the timeout.
        Map<String, Object> cupCart = Map.of("items", List.of(Map.of("productId", cup, "quantity", 1)),
                "addressId", buyer.addressId(), "paymentMethod", "WECHAT");
        Map<String, String> cupKey = Map.of("Idempotency-Key", "journey-cup");
        Reply placedCup = api.post("/api/v1/orders", buyer.token(), cupCart, cupKey);
        assertThat(placedCup.status()).as(placedCup.toString()).isEqualTo(201);
        JsonNode pending = placedCup.json();
        assertThat(pending.get("status").asText()).isEqualTo("PENDING_PAYMENT");
        String payNo = pending.get("orderNo").asText();
        Reply pay = api.post("/api/v1/orders/" + payNo + "/pay", buyer.token(), Map.of("method", "BALANCE"));
        assertThat(pay.status()).as(pay.toString()).isEqualTo(200);
        assertThat(pay.json().get("status").asText()).isEqualTo("PAID");
        assertThat(shop.balance(buyer)).isEqualTo(93_800);
        // Its replay, the order read back from the database now, is the first answer byte for byte
        // (the order as placed; times to the microsecond the database keeps, from a nanosecond clock).
        Reply replayedCup = api.post("/api/v1/orders", buyer.token(), cupCart, cupKey);
        assertThat(replayedCup.status()).isEqualTo(201);
        assertThat(replayedCup.text()).isEqualTo(placedCup.text());

        // WECHAT cancelled by the buyer: stock comes back at once.
        String cancelNo = shop.placed(buyer, tea, 3, "WECHAT").get("orderNo").asText();
        Reply cancelled = api.post("/api/v1/orders/" + cancelNo + "/cancel", buyer.token(), null);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("cancelReason").asText()).isEqualTo("BY_USER");
        assertThat(shop.available(tea)).isEqualTo(98);

        // ALIPAY left unpaid: the delay queue in Redis cancels it after the payment timeout.
        JsonNode unpaid = shop.placed(buyer, tea, 4, "ALIPAY");
        assertThat(shop.available(tea)).isEqualTo(94);
        JsonNode expired = awaitCancelled(shop, buyer, unpaid.get("orderNo").asText(), PAYMENT_TIMEOUT.plusSeconds(15));
        assertThat(expired.get("cancelReason").asText()).isEqualTo("PAYMENT_TIMEOUT");
        assertThat(Instant.parse(expired.get("cancelledAt").asText())).isAfterOrEqualTo(Instant.parse(unpaid.get("expiresAt").asText()));
        assertThat(shop.available(tea)).isEqualTo(98);
        // The order paid in time was not touched by its (dropped) expiry job.
        assertThat(shop.order(buyer, payNo).get("status").asText()).isEqualTo("PAID");

        // Admin: ship the BALANCE order with its tracking number, the buyer confirms receipt; refund the other paid one.
        String paidNo = paid.get("orderNo").asText();
        assertThat(shop.ship(paidNo, "SF", "SF1234567890").get("status").asText()).isEqualTo("SHIPPED");
        assertThat(shop.order(buyer, paidNo).get("shipment").get("trackingNumber").asText()).isEqualTo("SF1234567890");
        Reply received = api.post("/api/v1/orders/" + paidNo + "/confirm-receipt", buyer.token(), null);
        assertThat(received.status()).as(received.toString()).isEqualTo(200);
        assertThat(received.json().get("status").asText()).isEqualTo("COMPLETED");
        assertThat(shop.admin("refund", payNo).get("status").asText()).isEqualTo("REFUNDED");
        assertThat(shop.balance(buyer)).isEqualTo(95_000);
        assertThat(shop.available(cup)).isEqualTo(10);
        assertThat(shop.order(buyer, payNo).get("status").asText()).isEqualTo("REFUNDED");
        assertThat(api.all("/api/v1/orders", buyer.token())).extracting(o -> o.get("status").asText())
                .containsExactly("CANCELLED", "CANCELLED", "REFUNDED", "COMPLETED");

        Reply ready = api.get("/health/ready", null);
        assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("UP");
        assertThat(ready.json().get("checks")).extracting(c -> c.get("name").asText() + "=" + c.get("state").asText())
                .containsExactlyInAnyOrder("database=UP", "redis=UP");

        Reply metrics = api.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text())
                .containsPattern("(?m)^orders_placed_total\\{[^}]*method=\"BALANCE\"[^}]*} 1\\.0$")
                .containsPattern("(?m)^orders_placed_total\\{[^}]*method=\"WECHAT\"[^}]*} 2\\.0$")
                .containsPattern("(?m)^orders_placed_total\\{[^}]*method=\"ALIPAY\"[^}]*} 1\\.0$")
                .containsPattern("(?m)^orders_cancelled_total\\{[^}]*} 1\\.0$")
                .containsPattern("(?m)^orders_expired_total(\\{[^}]*})? 1\\.0$")
                .containsPattern("(?m)^orders_auto_completed_total(\\{[^}]*})? 0\\.0$") // nothing shipped 15 days ago
                // Four placements one after another: four transactions of one order each.
                .containsPattern("(?m)^order_placements_written_total(\\{[^}]*})? 4\\.0$")
                .containsPattern("(?m)^order_placement_transactions_total(\\{[^}]*})? 4\\.0$")
                .containsPattern("(?m)^delay_queue_lag_seconds(\\{[^}]*})? \\d")
                .contains("http_server_requests_seconds")
                .containsPattern("(?m)^db_pool_connections_active(\\{[^}]*})? \\d")
                .containsPattern("(?m)^redis_fail_open_total(\\{[^}]*})? 0\\.0$");

        shop.auditClean();
    }

    @Test
    void twoInstancesOnOneDatabaseAndRedisNeverOversell() throws Exception {
        Application first = start(1, Duration.ofMinutes(10));
        Application second = start(2, Duration.ofMinutes(10));
        List<Storefront> shops = List.of(new Storefront(new ApiClient(first.port()), first.adminToken()),
                new Storefront(new ApiClient(second.port()), second.adminToken()));
        int stock = 25;
        long product = shops.get(0).product("Flash-sale box", 1_000, stock);
        // Each buyer registers on one instance and logs in on the other: accounts and tokens are shared.
        List<Buyer> buyers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Buyer registered = shops.get(i % 2).register("flash_buyer_" + i);
            Buyer buyer = shops.get((i + 1) % 2).logIn(registered);
            shops.get(i % 2).topUp(buyer.userId(), 1_000_000);
            buyers.add(buyer);
        }

        record Attempt(int instance, Buyer buyer, String method, Reply reply) {
        }
        int threads = 16;
        int attemptsPerThread = 5;
        ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    go.await();
                    for (int a = 0; a < attemptsPerThread; a++) {
                        int instance = (thread + a) % 2;
                        Buyer buyer = buyers.get(thread % buyers.size());
                        String method = a % 2 == 0 ? "BALANCE" : "WECHAT";
                        attempts.add(new Attempt(instance, buyer, method, shops.get(instance).place(buyer, product, 1, method)));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : running) f.get();
        }

        assertThat(attempts).hasSize(threads * attemptsPerThread);
        List<Attempt> sold = attempts.stream().filter(a -> a.reply().status() == 201).toList();
        assertThat(sold).hasSize(stock);
        assertThat(attempts).filteredOn(a -> a.reply().status() != 201)
                .allSatisfy(a -> assertThat(a.reply().code()).as(a.reply().toString()).isEqualTo(40002));
        Set<String> numbers = new HashSet<>();
        for (Attempt a : sold) {
            String orderNo = a.reply().json().get("orderNo").asText();
            assertThat(numbers.add(orderNo)).as("unique order number " + orderNo).isTrue();
            assertThat(orderNo.substring(17, 20)).as("node id in " + orderNo).isEqualTo(a.instance() == 0 ? "001" : "002");
        }
        assertThat(sold).extracting(Attempt::instance).as("both instances sold").contains(0, 1);

        for (Storefront shop : shops) {
            assertThat(shop.available(product)).isZero();
            assertThat(shop.allOrders()).hasSize(stock);
            shop.auditClean();
        }
        for (Buyer buyer : buyers) {
            long spent = sold.stream().filter(a -> a.buyer().userId() == buyer.userId() && a.method().equals("BALANCE")).count() * 1_000;
            assertThat(shops.get(0).balance(buyer)).isEqualTo(1_000_000 - spent);
        }
    }

    private static JsonNode awaitCancelled(Storefront shop, Buyer buyer, String orderNo, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        JsonNode order = shop.order(buyer, orderNo);
        while (!order.get("status").asText().equals("CANCELLED") && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            order = shop.order(buyer, orderNo);
        }
        assertThat(order.get("status").asText()).as("order " + orderNo + " after " + limit).isEqualTo("CANCELLED");
        return order;
    }
}
