package dev.ordersystem.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ordersystem.app.ApiClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's webhooks pages (DESIGN §15, §16) in a real headless Chromium against the runnable
 * jar on the embedded default, with a receiver this test serves on 127.0.0.1 (so the app runs with
 * {@code ORDER_WEBHOOK_ALLOW_PRIVATE=true}). An operator sees a refused URL with the API's own
 * detail (a non-http scheme, a link-local address), subscribes the receiver and sees the signing
 * secret once (the receiver verifies every delivery's signature with the secret the page showed;
 * after a reload it is nowhere), sees the deliveries of a paid order delivered, sees one fail (the
 * receiver answers 500) and sends it again with Retry, switches the endpoint off (the next order
 * queues nothing for it), reads the events feed page by page, sees a second endpoint that kept
 * failing flagged (switched off by the system) and enables it, and deletes the first. Retries are
 * an hour apart in this run, so only the Retry button can have sent the failed delivery again.
 */
class AdminConsoleWebhooksIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    @Test
    void anOperatorSubscribesAReceiverRetriesAFailedDeliveryAndSwitchesItOff() throws Exception {
        try (Receiver receiver = Receiver.start();
             Receiver broken = Receiver.start();
             ConsoleApp app = ConsoleApp.start(workDir, Map.of("ORDER_WEBHOOK_ALLOW_PRIVATE", "true",
                     "ORDER_WEBHOOK_RETRY_FIRST", "PT1H", "ORDER_WEBHOOK_RETRY_MAX", "PT2H",
                     // An endpoint failing for a second without a success is switched off and flagged.
                     "ORDER_WEBHOOK_DISABLE_AFTER", "PT1S"))) {
            ConsoleBrowser browser = app.browser();
            String origin = app.origin();
            String adminToken = app.adminToken();
            ApiClient api = app.api();
            String buyer = api.post("/api/v1/auth/login", null, Map.of("username", "demo", "password", "demo-password"))
                    .json().get("token").asText();

            // Signed in on the webhooks page itself: it opens once the token is taken.
            browser.open(origin + "/admin/#/webhooks");
            browser.viewport(1280, 800, false);
            browser.awaitVisible(By.id("token")).sendKeys(adminToken, Keys.ENTER);
            browser.awaitText(By.id("webhooks-list"), "No endpoints yet");
            assertThat(browser.awaitVisible(By.cssSelector("#nav a[aria-current='page']")).getText()).isEqualTo("Webhooks");
            // The form offers exactly the event types the API takes.
            List<String> offered = browser.driver().findElements(By.cssSelector("#new-webhook input[name='events']")).stream()
                    .map(box -> box.getAttribute("value")).toList();
            JsonNode typeEnum = api.get("/openapi.json", null).json().at("/components/schemas/EventType/enum");
            assertThat(offered).isNotEmpty().containsExactlyElementsOf(
                    StreamSupport.stream(typeEnum.spliterator(), false).map(JsonNode::asText).toList());

            // Refused URLs: the page shows the API's detail and the field's message; nothing is subscribed.
            for (String refusedUrl : List.of("ftp://x", "http://169.254.169.254/latest/meta-data")) {
                Reply refusal = api.post("/api/v1/admin/webhooks", adminToken, Map.of("url", refusedUrl));
                assertThat(refusal.status()).as(refusal.toString()).isEqualTo(400);
                JsonNode fieldError = refusal.json().get("errors").get(0);
                assertThat(fieldError.get("field").asText()).isEqualTo("url");
                WebElement url = browser.awaitVisible(By.id("new-webhook-url"));
                url.clear();
                url.sendKeys(refusedUrl);
                browser.awaitVisible(By.id("create-webhook")).click();
                String shown = browser.awaitText(By.id("new-webhook-error"), "url: " + fieldError.get("message").asText());
                assertThat(shown).contains(AdminConsoleIT.problemDetail(refusal)).contains("HTTP 400", "code " + refusal.code());
            }
            assertThat(browser.awaitText(By.id("new-webhook-error"), "HTTP 400")).contains("link-local");
            assertThat(api.get("/api/v1/admin/webhooks", adminToken).json().get("items")).isEmpty();

            // Subscribe the receiver to two types; the secret is shown once, with the warning and a copy button.
            String receiverUrl = "http://127.0.0.1:" + receiver.port() + "/hooks/orders";
            WebElement url = browser.awaitVisible(By.id("new-webhook-url"));
            url.clear();
            url.sendKeys(receiverUrl);
            browser.awaitVisible(By.id("new-webhook-event-order-placed")).click();
            browser.awaitVisible(By.id("new-webhook-event-order-paid")).click();
            browser.awaitVisible(By.id("create-webhook")).click();
            String secret = browser.awaitVisible(By.id("webhook-secret")).getAttribute("value");
            assertThat(secret).startsWith("whsec_");
            assertThat(browser.awaitVisible(By.id("webhook-secret-note")).getText()).contains("You will not see this again");
            assertThat(browser.driver().findElement(By.id("new-webhook-error")).getText()).isEmpty(); // the earlier refusal is gone
            browser.awaitVisible(By.id("copy-secret")).click();
            browser.awaitText(By.id("secret-copied"), "Copied.");
            String listed = browser.awaitText(By.id("webhooks-list"), receiverUrl);
            assertThat(listed).contains("order.placed", "order.paid", "enabled").doesNotContain("every type");
            JsonNode endpoints = api.get("/api/v1/admin/webhooks", adminToken).json().get("items");
            assertThat(endpoints).hasSize(1);
            JsonNode endpoint = endpoints.get(0);
            long endpointId = endpoint.get("id").asLong();
            assertThat(endpoint.has("secret")).as("the list never carries the secret").isFalse();
            app.screenshot("webhooks");

            // Reloaded, the page has no trace of the secret: not shown, not stored.
            browser.driver().navigate().refresh();
            browser.awaitText(By.id("webhooks-list"), receiverUrl);
            assertThat(browser.driver().findElements(By.id("webhook-secret"))).isEmpty();
            assertThat(browser.driver().getPageSource()).doesNotContain(secret).doesNotContain("whsec_");
            assertThat((String) browser.script("return JSON.stringify(sessionStorage) + JSON.stringify(localStorage) + document.cookie"))
                    .doesNotContain(secret);

            // A second endpoint, subscribed through the API, whose receiver always answers 500.
            broken.answer(500);
            String brokenUrl = "http://127.0.0.1:" + broken.port() + "/hooks/orders";
            Reply brokenEndpoint = api.post("/api/v1/admin/webhooks", adminToken, Map.of("url", brokenUrl, "events", List.of("order.placed")));
            assertThat(brokenEndpoint.status()).as(brokenEndpoint.toString()).isEqualTo(201);
            long brokenId = brokenEndpoint.json().get("id").asLong();

            // A paid order: its two events are delivered, each signed with the secret the page showed.
            receiver.secret(secret);
            String first = AdminConsoleIT.placePaidOrder(api, buyer);
            List<JsonNode> delivered = awaitDeliveries(api, adminToken, endpointId, "both deliveries of " + first + " delivered",
                    all -> ofOrder(all, first).size() == 2 && ofOrder(all, first).stream().allMatch(d -> status(d, "DELIVERED")));
            assertThat(receiver.seen()).hasSize(2).allSatisfy(seen -> assertThat(seen.verified()).as(seen.toString()).isTrue());
            browser.driver().findElement(By.linkText(receiverUrl)).click();
            assertThat(browser.awaitVisible(By.id("webhook-url")).getText()).isEqualTo(receiverUrl);
            String table = browser.awaitText(By.id("deliveries"), first);
            assertThat(table).contains("order.placed", "order.paid", "DELIVERED", "200", " ms");
            assertThat(browser.driver().findElements(By.cssSelector("#deliveries button[data-delivery]"))).isEmpty();
            assertThat(delivered).allSatisfy(d -> assertThat(d.get("attempts").asInt()).isEqualTo(1));

            // The broken endpoint failed once; once a second has passed since, its next failure switches it off.
            awaitDeliveries(api, adminToken, brokenId, "the broken endpoint tried", all -> all.size() == 1
                    && all.getFirst().get("attempts").asInt() == 1);
            Instant failingSince = Instant.parse(api.get("/api/v1/admin/webhooks/" + brokenId, adminToken).json().get("failingSince").asText());
            while (!Instant.now().isAfter(failingSince.plusSeconds(1))) Thread.sleep(50);

            // The receiver fails: the second order's first event is answered 500 and waits an hour; its paid event waits behind it.
            receiver.answer(500);
            String second = AdminConsoleIT.placePaidOrder(api, buyer);
            List<JsonNode> failing = awaitDeliveries(api, adminToken, endpointId, "the placed event of " + second + " answered 500",
                    all -> ofOrder(all, second).stream().anyMatch(d -> d.get("lastStatusCode").asInt() == 500));
            JsonNode failed = ofOrder(failing, second).stream().filter(d -> d.get("eventType").asText().equals("order.placed"))
                    .findFirst().orElseThrow();
            assertThat(failed.get("status").asText()).isEqualTo("PENDING");
            browser.awaitVisible(By.id("refresh-deliveries")).click();
            String waiting = browser.awaitText(By.id("deliveries"), second);
            assertThat(waiting).contains("PENDING", "500", "not tried yet");
            assertThat(browser.driver().findElements(By.cssSelector("#deliveries button[data-delivery]"))).hasSize(2);
            app.screenshot("webhook-failing");

            // Fixed, and sent again by Retry: both events of the order arrive, the retried one on its second attempt.
            receiver.answer(200);
            int seenBefore = receiver.seen().size();
            browser.awaitVisible(By.cssSelector("#deliveries button[data-delivery='" + failed.get("id").asLong() + "']")).click();
            browser.awaitText(By.id("toast"), "goes out again now");
            List<JsonNode> retried = awaitDeliveries(api, adminToken, endpointId, "both deliveries of " + second + " delivered",
                    all -> ofOrder(all, second).stream().allMatch(d -> status(d, "DELIVERED")));
            JsonNode again = retried.stream().filter(d -> d.get("id").asLong() == failed.get("id").asLong()).findFirst().orElseThrow();
            assertThat(again.get("attempts").asInt()).isEqualTo(2);
            assertThat(again.get("lastStatusCode").asInt()).isEqualTo(200);
            List<Receiver.Seen> seen = receiver.seen();
            assertThat(seen).hasSize(seenBefore + 2).allSatisfy(s -> assertThat(s.verified()).as(s.toString()).isTrue());
            assertThat(seen.stream().filter(s -> s.id().equals(failed.get("webhookId").asText())).map(Receiver.Seen::answered))
                    .containsExactly(500, 200);
            browser.awaitVisible(By.id("refresh-deliveries")).click();
            browser.await("every delivery shown DELIVERED", d ->
                    d.findElements(By.cssSelector("#deliveries button[data-delivery]")).isEmpty() && d.findElement(By.id("deliveries"))
                            .getText().contains(second));
            app.screenshot("webhook-deliveries");

            // Switched off: the state says so, and the next order's events are published without a delivery to it.
            browser.awaitVisible(By.cssSelector("#webhook-detail button[data-action='disable']")).click();
            AdminConsoleIT.confirm(browser);
            browser.awaitText(By.id("webhook-state"), "disabled");
            assertThat(api.get("/api/v1/admin/webhooks/" + endpointId, adminToken).json().get("state").asText()).isEqualTo("DISABLED");
            String third = AdminConsoleIT.placePaidOrder(api, buyer);
            List<JsonNode> feed = awaitFeed(api, adminToken, third);
            assertThat(api.get("/api/v1/admin/webhooks/" + endpointId + "/deliveries?limit=100", adminToken).json().get("items"))
                    .hasSize(4).noneMatch(d -> d.get("orderNo").asText().equals(third));
            assertThat(browser.awaitVisible(By.cssSelector("#webhook-detail button[data-action='enable']")).getText()).isEqualTo("Enable");

            // The events feed, three at a time: "Load more" reads on from the last position until nothing is newer.
            assertThat(feed).hasSizeGreaterThanOrEqualTo(6);
            browser.open(origin + "/admin/#/events?limit=3");
            for (int shown = Math.min(3, feed.size()); ; shown = Math.min(shown + 3, feed.size())) {
                int rows = shown;
                browser.await(rows + " events shown", d -> d.findElements(By.cssSelector("#events-list tbody tr")).size() == rows);
                if (rows == feed.size()) break;
                browser.awaitVisible(By.id("load-more")).click();
            }
            browser.awaitVisible(By.id("load-more")).click();
            String end = browser.awaitText(By.id("events-status"), "Nothing newer yet");
            String events = browser.awaitText(By.id("events-list"), third);
            assertThat(events).contains(first, second, failed.get("webhookId").asText(), "order.placed", "order.paid");
            assertThat(browser.driver().findElements(By.cssSelector("#events-list tbody tr"))).hasSize(feed.size());
            assertThat(end).contains(feed.size() + " shown, read up to position " + feed.getLast().get("position").asLong());
            app.screenshot("events");
            // A position the API refuses: its detail, not an empty list.
            browser.open(origin + "/admin/#/events?after=-1");
            String badAfter = browser.awaitText(By.id("events-error"), "HTTP 400");
            assertThat(badAfter).contains(AdminConsoleIT.problemDetail(api.get("/api/v1/admin/events?after=-1", adminToken)));

            // The broken endpoint, failing for more than a second, was switched off and is flagged; enabling it clears the flag.
            awaitDeliveries(api, adminToken, brokenId, "the broken endpoint's second failure", all -> all.size() == 2
                    && all.stream().allMatch(d -> d.get("attempts").asInt() == 1));
            assertThat(api.get("/api/v1/admin/webhooks/" + brokenId, adminToken).json().get("state").asText()).isEqualTo("DISABLED_FAILING");
            browser.open(origin + "/admin/#/webhooks");
            String flagged = browser.awaitText(By.id("webhooks-list"), brokenUrl);
            assertThat(flagged).contains("flagged: disabled after failing", "failing since", "disabled");
            app.screenshot("webhooks-flagged");
            browser.awaitVisible(By.cssSelector("#webhooks-list button[data-endpoint='" + brokenId + "'][data-action='enable']")).click();
            assertThat(browser.awaitText(By.id("confirm-text"), brokenUrl)).contains("clears its flag");
            AdminConsoleIT.confirm(browser);
            browser.awaitVisible(By.cssSelector("#webhooks-list button[data-endpoint='" + brokenId + "'][data-action='disable']"));
            assertThat(api.get("/api/v1/admin/webhooks/" + brokenId, adminToken).json().get("state").asText()).isEqualTo("ENABLED");

            // A phone: the endpoint's page fits 390 px.
            browser.viewport(390, 844, true);
            browser.open(origin + "/admin/#/webhooks/" + endpointId);
            browser.awaitText(By.id("deliveries"), second);
            assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
            app.screenshot("webhook-phone");
            browser.viewport(1280, 800, false);

            // Deleted, after a confirmation that can be backed out of.
            browser.open(origin + "/admin/#/webhooks");
            browser.awaitText(By.id("webhooks-list"), receiverUrl);
            By delete = By.cssSelector("#webhooks-list button[data-endpoint='" + endpointId + "'][data-action='delete']");
            browser.awaitVisible(delete).click();
            browser.await("the confirmation dialog", d -> d.findElement(By.id("confirm")).isDisplayed());
            browser.awaitVisible(By.id("confirm-cancel")).click();
            assertThat(api.get("/api/v1/admin/webhooks", adminToken).json().get("items")).hasSize(2);
            browser.awaitVisible(delete).click();
            AdminConsoleIT.confirm(browser);
            browser.await("the endpoint gone from the list", d -> !d.findElement(By.id("webhooks-list")).getText().contains(receiverUrl)
                    && d.findElement(By.id("webhooks-list")).getText().contains(brokenUrl));
            JsonNode left = api.get("/api/v1/admin/webhooks", adminToken).json().get("items");
            assertThat(left).hasSize(1);
            assertThat(left.get(0).get("id").asLong()).isEqualTo(brokenId);

            // Nothing but the refusals provoked above was logged, and nothing left the app's origin.
            app.assertQuietAndSameOrigin(AdminConsoleWebhooksIT::provokedRefusal);
        }
    }

    /** Chromium logs each answered 4xx of a fetch; these the test provoked on purpose and checked. */
    private static boolean provokedRefusal(String message) {
        return message.matches("(?s).*/api/v1/admin/webhooks - Failed to load resource: the server responded with a status of 400.*")
                || message.matches("(?s).*/api/v1/admin/events\\?after=-1[^ ]* - Failed to load resource: the server responded with a status of 400.*");
    }

    private static boolean status(JsonNode delivery, String status) {
        return delivery.get("status").asText().equals(status);
    }

    private static List<JsonNode> ofOrder(List<JsonNode> deliveries, String orderNo) {
        return deliveries.stream().filter(d -> d.get("orderNo").asText().equals(orderNo)).toList();
    }

    /** Polls the endpoint's deliveries (through the API, as the page reads them) until {@code done} holds. */
    private static List<JsonNode> awaitDeliveries(ApiClient api, String token, long endpointId, String what,
                                                  Predicate<List<JsonNode>> done) throws InterruptedException {
        long deadline = System.nanoTime() + ConsoleBrowser.WAIT.toNanos();
        while (true) {
            Reply reply = api.get("/api/v1/admin/webhooks/" + endpointId + "/deliveries?limit=100", token);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            List<JsonNode> all = new ArrayList<>();
            reply.json().get("items").forEach(all::add);
            if (done.test(all)) return all;
            assertThat(System.nanoTime()).as("%s; deliveries now: %s", what, all).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Polls the pull feed until the order's paid event is in it (the publisher has then queued its deliveries, if any). */
    private static List<JsonNode> awaitFeed(ApiClient api, String token, String orderNo) throws InterruptedException {
        long deadline = System.nanoTime() + ConsoleBrowser.WAIT.toNanos();
        while (true) {
            List<JsonNode> all = new ArrayList<>();
            api.get("/api/v1/admin/events?limit=500", token).json().get("items").forEach(all::add);
            if (all.stream().anyMatch(e -> e.get("orderNo").asText().equals(orderNo) && e.get("type").asText().equals("order.paid"))) {
                return all;
            }
            assertThat(System.nanoTime()).as("order.paid of %s in the feed: %s", orderNo, all).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * A webhook receiver on 127.0.0.1: answers every POST with the status it is told, and checks each
     * delivery's Standard Webhooks signature (v1, HMAC-SHA256 of "id.timestamp.body" under the
     * secret's base64 key) with the secret the console showed.
     */
    private static final class Receiver implements AutoCloseable {
        record Seen(String id, String type, int answered, boolean verified) {
        }

        private final HttpServer server;
        private final AtomicInteger answer = new AtomicInteger(200);
        private final List<Seen> seen = new ArrayList<>();
        private volatile String secret = "";

        private Receiver(HttpServer server) {
            this.server = server;
        }

        static Receiver start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            Receiver receiver = new Receiver(server);
            server.createContext("/hooks/orders", receiver::handle);
            server.start();
            return receiver;
        }

        int port() {
            return server.getAddress().getPort();
        }

        void secret(String whsec) {
            this.secret = whsec;
        }

        void answer(int status) {
            answer.set(status);
        }

        synchronized List<Seen> seen() {
            return List.copyOf(seen);
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
                String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
                String text = new String(body, StandardCharsets.UTF_8);
                int status = answer.get();
                synchronized (this) {
                    seen.add(new Seen(id, JSON.readTree(text).path("type").asText(), status,
                            verified(id, timestamp, text, signatures)));
                }
                exchange.sendResponseHeaders(status, -1);
            }
        }

        private boolean verified(String id, String timestamp, String body, String signatures) {
            if (id == null || timestamp == null || signatures == null || !secret.startsWith("whsec_")) return false;
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
                String expected = "v1," + Base64.getEncoder().encodeToString(
                        mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
                return List.of(signatures.split(" ")).contains(expected);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
