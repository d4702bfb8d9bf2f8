package dev.ordersystem.app;

import dev.ordersystem.app.ApiClient.Reply;
import dev.ordersystem.app.StandardWebhooksReceiver.Seen;
import dev.ordersystem.app.Storefront.Buyer;
import dev.ordersystem.core.domain.WebhookSecret;
import dev.ordersystem.core.usecase.event.WebhookSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks on the embedded default (H2): what the Standard Webhooks reference library accepts and
 * refuses, a receiver that never answers, and the address rules against server-side request
 * forgery. Needs Node.js and npm (the library is the {@code standardwebhooks} npm package), hence an IT.
 */
class WebhookReceiverIT {
    @TempDir
    Path dataDir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
    }

    private Storefront embedded(String dir, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("ORDER_HTTP_PORT", "0", "ORDER_DATA_DIR", dataDir.resolve(dir).toString()));
        env.putAll(extra);
        Application app = Application.start(AppConfig.from(ConfigSource.of(env)), Clock.systemUTC());
        open.add(app);
        return new Storefront(new ApiClient(app.port()), app.adminToken());
    }

    private static String subscribe(Storefront shop, String url, List<String> events) {
        Reply created = shop.api.post("/api/v1/admin/webhooks", shop.adminToken(), Map.of("url", url, "events", events));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("secret").asText();
    }

    private StandardWebhooksReceiver receiver(int port, String secret, String mode) throws Exception {
        StandardWebhooksReceiver receiver = StandardWebhooksReceiver.start(port, secret, mode);
        open.add(receiver);
        return receiver;
    }

    private static Buyer buyer(Storefront shop, String name) {
        Buyer buyer = shop.logIn(shop.register(name));
        shop.topUp(buyer.userId(), 1_000_000);
        return buyer;
    }

    @Test
    void theReferenceLibraryAcceptsEveryDeliveryAndRefusesATamperedBodyOrAnOldTimestamp() throws Exception {
        Storefront shop = embedded("verify", Map.of("ORDER_WEBHOOK_ALLOW_PRIVATE", "true"));
        int port = StandardWebhooksReceiver.freePort();
        String secret = subscribe(shop, "http://127.0.0.1:" + port + "/hooks", List.of("order.placed", "order.paid"));
        StandardWebhooksReceiver receiver = receiver(port, secret, "accept");
        long product = shop.product("Pu'er cake", 2_500, 100);
        Buyer buyer = buyer(shop, "verify_buyer");

        String orderNo = shop.placed(buyer, product, 2, "BALANCE").get("orderNo").asText();
        shop.admin("refund", orderNo); // order.refunded: not subscribed, never sent

        List<Seen> seen = receiver.awaitSeen(all -> all.stream().filter(Seen::accepted).count() >= 2, Duration.ofSeconds(60));
        assertThat(seen).extracting(Seen::type, Seen::orderNo, Seen::verified)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("order.placed", orderNo, true),
                        org.assertj.core.groups.Tuple.tuple("order.paid", orderNo, true));
        assertThat(seen.get(1).status()).isEqualTo("PAID");

        // The same signing, sent by hand: intact it passes, tampered or stale the library refuses it.
        WebhookSecret key = new WebhookSecret(secret);
        String body = "{\"type\":\"order.paid\",\"timestamp\":\"2031-01-01T00:00:00Z\",\"data\":{\"orderNo\":\"" + orderNo + "\"}}";
        long now = Instant.now().getEpochSecond();
        post(port, "msg_by_hand", now, WebhookSignature.sign(key, "msg_by_hand", now, body), body);
        post(port, "msg_tampered", now, WebhookSignature.sign(key, "msg_tampered", now, body), body.replace("order.paid", "order.refunded"));
        long old = now - 600;
        post(port, "msg_old", old, WebhookSignature.sign(key, "msg_old", old, body), body);
        List<Seen> byHand = receiver.awaitSeen(all -> all.size() >= 5, Duration.ofSeconds(30)).subList(2, 5);
        assertThat(byHand).extracting(Seen::id, Seen::verified, Seen::error).containsExactly(
                org.assertj.core.groups.Tuple.tuple("msg_by_hand", true, null),
                org.assertj.core.groups.Tuple.tuple("msg_tampered", false, "No matching signature found"),
                org.assertj.core.groups.Tuple.tuple("msg_old", false, "Message timestamp too old"));
    }

    @Test
    void aReceiverThatNeverAnswersDoesNotHoldUpPlacement() throws Exception {
        Storefront shop = embedded("silent", Map.of("ORDER_WEBHOOK_ALLOW_PRIVATE", "true", "ORDER_WEBHOOK_TIMEOUT", "PT3S"));
        int port = StandardWebhooksReceiver.freePort();
        StandardWebhooksReceiver silent = receiver(port, subscribe(shop, "http://127.0.0.1:" + port + "/never", List.of()), "silent");
        long product = shop.product("Dragon well", 1_000, 1_000);
        Buyer buyer = buyer(shop, "silent_buyer");

        String first = shop.placed(buyer, product, 1, "BALANCE").get("orderNo").asText();
        // The worker is now waiting on the receiver, which holds the request open without answering.
        silent.awaitSeen(all -> !all.isEmpty(), Duration.ofSeconds(60));
        List<String> placed = new ArrayList<>(List.of(first));
        for (int i = 0; i < 40; i++) placed.add(shop.placed(buyer, product, 1, i % 2 == 0 ? "BALANCE" : "WECHAT").get("orderNo").asText());

        assertThat(placed).doesNotHaveDuplicates().hasSize(41);
        assertThat(silent.seen()).allSatisfy(s -> assertThat(s.answered()).isZero());
        Reply deliveries = shop.api.get("/api/v1/admin/webhooks/1/deliveries?limit=5", shop.adminToken());
        assertThat(deliveries.json().get("items")).allSatisfy(d -> assertThat(d.get("status").asText()).isEqualTo("PENDING"));
        shop.auditClean();
    }

    @Test
    void endpointsToLoopbackPrivateOrLinkLocalAddressesAreRefusedUnlessAllowed() {
        Storefront strict = embedded("strict", Map.of());
        for (String url : List.of("http://127.0.0.1:9/hooks", "http://localhost/hooks", "http://10.1.2.3/x", "http://192.168.0.10/x",
                "http://[::1]/x", "http://169.254.169.254/latest/meta-data")) {
            Reply refused = strict.api.post("/api/v1/admin/webhooks", strict.adminToken(), Map.of("url", url));
            assertThat(refused.status()).as(url + ": " + refused).isEqualTo(400);
            assertThat(refused.json().get("code").asInt()).isEqualTo(40005);
            assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("url");
        }
        for (String url : List.of("ftp://example.com/x", "http://user:pw@example.com/x", "not a url", "/relative")) {
            Reply refused = strict.api.post("/api/v1/admin/webhooks", strict.adminToken(), Map.of("url", url));
            assertThat(refused.status()).as(url + ": " + refused).isEqualTo(400);
        }
        assertThat(strict.api.get("/api/v1/admin/webhooks", strict.adminToken()).json().get("items")).isEmpty();

        Storefront allowing = embedded("allowing", Map.of("ORDER_WEBHOOK_ALLOW_PRIVATE", "true"));
        assertThat(allowing.api.post("/api/v1/admin/webhooks", allowing.adminToken(), Map.of("url", "http://127.0.0.1:9/hooks")).status())
                .isEqualTo(201);
        Reply metadata = allowing.api.post("/api/v1/admin/webhooks", allowing.adminToken(),
                Map.of("url", "http://169.254.169.254/latest/meta-data"));
        assertThat(metadata.status()).as("link-local is refused always: " + metadata).isEqualTo(400);
        assertThat(metadata.text()).contains("link-local");
    }

    private static void post(int port, String id, long timestamp, String signature, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks"))
                .header("webhook-id", id).header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            client.send(request, HttpResponse.BodyHandlers.discarding());
        }
    }
}
