package dev.ordersystem.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.app.ApiClient.Reply;
import dev.ordersystem.app.StandardWebhooksReceiver.Seen;
import dev.ordersystem.app.Storefront.Buyer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §15 across 3 instances on one MariaDB and Redis, every one running its delivery worker,
 * with a receiver that verifies every request with the Standard Webhooks reference library,
 * answers 503 to half of them at random, and is down (its port refusing connections) for a while
 * in the middle of the traffic. Afterwards: every event was delivered, the distinct
 * {@code webhook-id}s the receiver accepted are exactly the events of the feed, the feed holds
 * exactly the events the traffic's changes make (none for the refused ones), and no event of an
 * order arrived before the previous one of that order had been accepted.
 *
 * <p>The receiver's downtime is {@code -Dwebhooks.downtime.seconds} (default 5; the minute
 * is 60): the backoff is the product's own (ORDER_WEBHOOK_RETRY_FIRST/MAX set short so the test
 * ends soon), so the length only makes the run longer.
 */
class WebhooksAcrossInstancesIT {
    private static final Duration DOWNTIME = Duration.ofSeconds(Long.getLong("webhooks.downtime.seconds", 5));
    private static final int ROUNDS_PER_THREAD = 8;
    private static final int THREADS = 3;
    private static final Map<String, String> WEBHOOKS = Map.of(
            "ORDER_WEBHOOK_ALLOW_PRIVATE", "true",
            "ORDER_WEBHOOK_RETRY_FIRST", "PT0.2S",
            "ORDER_WEBHOOK_RETRY_MAX", "PT2S",
            "ORDER_WEBHOOK_TIMEOUT", "PT3S");

    private final ProductionBackends backends = new ProductionBackends();
    private final List<Application> apps = new ArrayList<>();
    private StandardWebhooksReceiver receiver;

    @AfterEach
    void stop() throws InterruptedException {
        try {
            if (receiver != null) receiver.close();
            apps.forEach(Application::close);
        } finally {
            backends.close();
        }
    }

    private Storefront start(int nodeId) {
        Application app = Application.start(backends.config(nodeId, Duration.ofMinutes(30), WEBHOOKS), Clock.systemUTC());
        apps.add(app);
        return new Storefront(new ApiClient(app.port()), app.adminToken());
    }

    @Test
    void everyEventIsDeliveredOnceVerifiedAndInOrderPerOrderDespiteAFlakyAndDownReceiver() throws Exception {
        List<Storefront> shops = List.of(start(1), start(2), start(3));
        int port = StandardWebhooksReceiver.freePort();
        Reply created = shops.get(0).api.post("/api/v1/admin/webhooks", ProductionBackends.ADMIN_TOKEN,
                Map.of("url", "http://127.0.0.1:" + port + "/hooks"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String secret = created.json().get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(shops.get(1).api.get("/api/v1/admin/webhooks/" + created.json().get("id").asLong(),
                ProductionBackends.ADMIN_TOKEN).text()).as("the secret is shown once").doesNotContain(secret);
        receiver = StandardWebhooksReceiver.start(port, secret, "flaky:50");

        long product = shops.get(0).product("Longjing, 50 g", 1_000, 10_000);
        List<Buyer> buyers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Buyer buyer = shops.get(0).logIn(shops.get(0).register("webhook_buyer_" + i + "_" + System.nanoTime() % 100_000));
            shops.get(0).topUp(buyer.userId(), 10_000_000);
            buyers.add(buyer); // one login each (tokens live in the shared database): logins are rate-limited
        }
        Buyer poor = shops.get(0).logIn(shops.get(0).register("webhook_poor_" + System.nanoTime() % 100_000));

        // The receiver goes down a third of the way in, for DOWNTIME, and comes back.
        CountDownLatch thirdDone = new CountDownLatch(THREADS * ROUNDS_PER_THREAD / 3);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        List<Future<List<String>>> traffic = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Buyer buyer = buyers.get(t);
            int thread = t;
            traffic.add(pool.submit(() -> rounds(shops, thread, buyer, poor, product, thirdDone)));
        }
        Future<?> outage = pool.submit((Callable<Void>) () -> {
            thirdDone.await();
            receiver.stop();
            Thread.sleep(DOWNTIME.toMillis());
            receiver.restart();
            return null;
        });
        List<String> orders = new ArrayList<>();
        for (Future<List<String>> f : traffic) orders.addAll(f.get(5, TimeUnit.MINUTES));
        outage.get(5, TimeUnit.MINUTES);
        pool.shutdown();

        // Each round makes 9 events (see rounds); the refused placement and the lost cancel make none.
        int expected = THREADS * ROUNDS_PER_THREAD * 9;
        List<JsonNode> feed = awaitFeed(shops.get(2), expected, Duration.ofMinutes(2));
        assertThat(feed).as("the pull feed").hasSize(expected);
        Set<String> eventIds = new HashSet<>();
        feed.forEach(e -> eventIds.add(e.get("webhookId").asText()));
        assertThat(eventIds).hasSize(expected);
        assertThat(feed.stream().map(e -> e.get("orderNo").asText()).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(orders);

        List<Seen> seen = receiver.awaitSeen(all -> acceptedIds(all).containsAll(eventIds), DOWNTIME.plus(Duration.ofMinutes(3)));
        assertThat(seen).as("every request verified by the Standard Webhooks library").allSatisfy(s ->
                assertThat(s.verified()).as("%s: %s", s.id(), s.error()).isTrue());
        assertThat(acceptedIds(seen)).as(() -> "distinct webhook-ids accepted = the events; "
                + missingDeliveries(shops.get(1), created.json().get("id").asLong(), eventIds, seen)).isEqualTo(eventIds);
        assertThat(seen.stream().map(Seen::id).distinct().count()).isEqualTo(expected);
        assertThat(seen.stream().filter(s -> !s.accepted()).count()).as("some attempts were refused and retried").isPositive();
        assertOrderKeptPerOrder(feed, seen);
        System.out.printf("webhooks across 3 instances: %d events, %d requests seen (%d refused 503 or unanswered), receiver down %s%n",
                expected, seen.size(), seen.stream().filter(s -> !s.accepted()).count(), DOWNTIME);
        shops.get(1).auditClean();

        Reply deliveries = shops.get(1).api.get("/api/v1/admin/webhooks/" + created.json().get("id").asLong()
                + "/deliveries?limit=100", ProductionBackends.ADMIN_TOKEN);
        assertThat(deliveries.status()).isEqualTo(200);
        assertThat(deliveries.json().get("items")).allSatisfy(d -> assertThat(d.get("status").asText()).isEqualTo("DELIVERED"));
    }

    /**
     * Per round, through rotating instances: a BALANCE order shipped and completed (placed, paid,
     * shipped, completed), a WECHAT order cancelled by its buyer (placed, cancelled) whose later
     * payment by balance is refused (no event), a BALANCE order refunded (placed, paid, refunded),
     * and a BALANCE order of a buyer without funds, refused (no event).
     */
    private static List<String> rounds(List<Storefront> shops, int thread, Buyer buyer, Buyer poor, long product,
                                       CountDownLatch progress) {
        List<String> orders = new ArrayList<>();
        for (int round = 0; round < ROUNDS_PER_THREAD; round++) {
            Storefront a = shops.get((thread + round) % 3);
            Storefront b = shops.get((thread + round + 1) % 3);
            Storefront c = shops.get((thread + round + 2) % 3);
            String shipped = a.placed(buyer, product, 1, "BALANCE").get("orderNo").asText();
            b.ship(shipped, "SF", "SF" + thread + "X" + round);
            c.admin("complete", shipped);
            String cancelled = b.placed(buyer, product, 2, "WECHAT").get("orderNo").asText();
            Reply cancel = c.api.post("/api/v1/orders/" + cancelled + "/cancel", buyer.token(), null);
            assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
            Reply latePay = a.api.post("/api/v1/orders/" + cancelled + "/pay", buyer.token(), Map.of("method", "BALANCE"));
            assertThat(latePay.status()).as("paying a cancelled order: " + latePay).isEqualTo(409);
            String refunded = c.placed(buyer, product, 1, "BALANCE").get("orderNo").asText();
            a.admin("refund", refunded);
            Reply refused = b.place(poor, product, 1, "BALANCE");
            assertThat(refused.status()).as("a buyer without funds: " + refused).isEqualTo(409);
            orders.addAll(List.of(shipped, cancelled, refunded));
            progress.countDown();
        }
        return orders;
    }

    private static List<JsonNode> awaitFeed(Storefront shop, int expected, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<JsonNode> feed = readFeed(shop);
        while (feed.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            feed = readFeed(shop);
        }
        return feed;
    }

    /** The whole feed, page by page, each page after the previous one's nextAfter. */
    private static List<JsonNode> readFeed(Storefront shop) {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            Reply page = shop.api.get("/api/v1/admin/events?limit=100&after=" + after, ProductionBackends.ADMIN_TOKEN);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("items").forEach(all::add);
            long next = page.json().get("nextAfter").asLong();
            if (next == after) return all;
            after = next;
        }
    }

    /**
     * For a failure's message: each event the receiver never accepted, with what the receiver saw of
     * it and its delivery as the store has it (status, attempts and their answers), so a rare
     * failure says where the event stopped.
     */
    private static String missingDeliveries(Storefront shop, long endpoint, Set<String> eventIds, List<Seen> seen) {
        Set<String> missing = new HashSet<>(eventIds);
        missing.removeAll(acceptedIds(seen));
        if (missing.isEmpty()) return "none missing";
        StringBuilder out = new StringBuilder("not accepted: ").append(missing);
        for (Seen s : seen) if (missing.contains(s.id())) out.append("\n  receiver saw ").append(s);
        String cursor = "";
        for (int page = 0; page < 50; page++) {
            Reply deliveries = shop.api.get("/api/v1/admin/webhooks/" + endpoint + "/deliveries?limit=100" + cursor,
                    ProductionBackends.ADMIN_TOKEN);
            if (deliveries.status() != 200) return out.append("\n  deliveries: ").append(deliveries).toString();
            for (JsonNode d : deliveries.json().get("items")) {
                if (missing.contains(d.get("webhookId").asText())) out.append("\n  store has ").append(d);
            }
            JsonNode next = deliveries.json().get("nextCursor");
            if (next == null || next.isNull()) break;
            cursor = "&cursor=" + next.asText();
        }
        return out.toString();
    }

    private static Set<String> acceptedIds(List<Seen> seen) {
        Set<String> ids = new HashSet<>();
        for (Seen s : seen) if (s.accepted()) ids.add(s.id());
        return ids;
    }

    /** No event of an order reached the receiver before every earlier event of that order had been accepted. */
    private static void assertOrderKeptPerOrder(List<JsonNode> feed, List<Seen> seen) {
        Map<String, List<String>> eventsPerOrder = new LinkedHashMap<>();
        for (JsonNode e : feed) eventsPerOrder.computeIfAbsent(e.get("orderNo").asText(), o -> new ArrayList<>()).add(e.get("webhookId").asText());
        Map<String, Integer> acceptedSoFar = new HashMap<>();
        for (Seen s : seen) {
            List<String> trail = eventsPerOrder.get(s.orderNo());
            assertThat(trail).as("order of %s", s.id()).isNotNull();
            int index = trail.indexOf(s.id());
            int accepted = acceptedSoFar.getOrDefault(s.orderNo(), 0);
            assertThat(index).as("%s (%s of order %s) arrived after %d of its order's events were accepted", s.id(), s.type(),
                    s.orderNo(), accepted).isLessThanOrEqualTo(accepted);
            if (s.accepted() && index == accepted) acceptedSoFar.put(s.orderNo(), accepted + 1);
        }
        eventsPerOrder.forEach((order, trail) -> assertThat(acceptedSoFar.get(order)).as("order %s", order).isEqualTo(trail.size()));
    }
}
