package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.TestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Location on 201, the replay header, ETag / 304 and Cache-Control on the catalogue, HEAD. */
class HttpConventionsTest {
    private final TestServer server = TestServer.start();
    private final ShopSteps shop = new ShopSteps(server);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createdAnswersNameTheirResourceInLocation() {
        Reply registered = server.post("/api/v1/auth/register", null, Map.of("username", "located_user", "password", "secret-pass-1"));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.header("Location")).isEqualTo("/api/v1/me");

        Buyer buyer = shop.buyer();
        Reply address = server.post("/api/v1/me/addresses", buyer.token(),
                Map.of("recipient", "Han Meimei", "phone", "+86 139-0000-0000", "region", "Beijing", "detail", "2 Chang'an Ave"));
        assertThat(address.status()).isEqualTo(201);
        assertThat(address.header("Location")).isEqualTo("/api/v1/me/addresses/" + address.json().get("id").asLong());

        Reply product = server.post("/api/v1/admin/products", TestServer.ADMIN,
                Map.of("name", "located-mug", "description", "a mug", "price", 1_000, "stock", 5, "onSale", true));
        assertThat(product.status()).isEqualTo(201);
        String productAt = product.header("Location");
        assertThat(productAt).isEqualTo("/api/v1/products/" + product.json().get("id").asLong());
        assertThat(server.get(productAt, null).json().get("name").asText()).isEqualTo("located-mug");

        Reply order = shop.place(buyer, product.json().get("id").asLong(), 1, "WECHAT");
        assertThat(order.status()).isEqualTo(201);
        String orderAt = order.header("Location");
        assertThat(orderAt).isEqualTo("/api/v1/orders/" + order.json().get("orderNo").asText());
        assertThat(server.get(orderAt, buyer.token()).json().get("orderNo").asText()).isEqualTo(order.json().get("orderNo").asText());
    }

    @Test
    void aReplayedPlacementAnswersTheFirstAnswerByteForByteWhateverHappenedToTheOrderSince() {
        Buyer buyer = shop.buyer();
        long product = shop.product("replayed-mug", 1_000, 10);
        shop.topUp(buyer.userId(), 10_000);
        Map<String, Object> paidLater = placement(buyer, product, 1, "WECHAT");
        Map<String, Object> shippedLater = placement(buyer, product, 2, "BALANCE");
        Map<String, Object> cancelledLater = placement(buyer, product, 3, "ALIPAY");
        Map<String, String> paidKey = Map.of("Idempotency-Key", "checkout-7f3a");
        Map<String, String> shippedKey = Map.of("Idempotency-Key", "checkout-8b21");
        Map<String, String> cancelledKey = Map.of("Idempotency-Key", "checkout-9c40");

        Reply toPay = server.post("/api/v1/orders", buyer.token(), paidLater, paidKey);
        Reply toShip = server.post("/api/v1/orders", buyer.token(), shippedLater, shippedKey);
        Reply toCancel = server.post("/api/v1/orders", buyer.token(), cancelledLater, cancelledKey);
        Reply replayedAtOnce = server.post("/api/v1/orders", buyer.token(), paidLater, paidKey);
        String paying = toPay.json().get("orderNo").asText();
        String shipping = toShip.json().get("orderNo").asText();
        assertThat(server.post("/api/v1/orders/" + paying + "/pay", buyer.token(), Map.of("method", "BALANCE")).status()).isEqualTo(200);
        assertThat(server.post("/api/v1/admin/orders/" + shipping + "/ship", TestServer.ADMIN,
                Map.of("carrier", "SF", "trackingNumber", "SF1234567890")).status()).isEqualTo(200);
        assertThat(server.post("/api/v1/orders/" + toCancel.json().get("orderNo").asText() + "/cancel", buyer.token(), Map.of())
                .status()).isEqualTo(200);

        for (Reply first : List.of(toPay, toShip, toCancel)) {
            assertThat(first.status()).isEqualTo(201);
            assertThat(first.header("Idempotent-Replayed")).isNull();
            // Times to the microsecond, as the database keeps them: a replay read from it shows the same digits.
            assertThat(first.json().get("createdAt").asText()).matches("[-0-9]+T[:0-9]+(\\.[0-9]{1,6})?Z");
        }
        assertThat(replayedAtOnce.text()).isEqualTo(toPay.text());
        assertThat(replayedAtOnce.header("Idempotent-Replayed")).isEqualTo("true");
        Reply replayedPaid = server.post("/api/v1/orders", buyer.token(), paidLater, paidKey);
        Reply replayedShipped = server.post("/api/v1/orders", buyer.token(), shippedLater, shippedKey);
        Reply replayedCancelled = server.post("/api/v1/orders", buyer.token(), cancelledLater, cancelledKey);
        assertReplays(replayedPaid, toPay);
        assertReplays(replayedShipped, toShip);
        assertReplays(replayedCancelled, toCancel);
        assertThat(toPay.json().get("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(toShip.json().get("status").asText()).isEqualTo("PAID");
        assertThat(server.get("/api/v1/orders/" + shipping, buyer.token()).json().get("status").asText()).isEqualTo("SHIPPED");
        assertThat(server.get("/api/v1/orders/" + paying, buyer.token()).json().get("paymentMethod").asText()).isEqualTo("BALANCE");

        Reply otherBody = server.post("/api/v1/orders", buyer.token(), placement(buyer, product, 4, "WECHAT"), paidKey);
        assertThat(otherBody.status()).isEqualTo(409);
        assertThat(otherBody.code()).isEqualTo(40009);
    }

    @Test
    void aReplayedPaymentAnswersTheFirstAnswerByteForByteAfterShippingAndRefund() {
        Buyer buyer = shop.buyer();
        long product = shop.product("paid-twice-mug", 1_000, 5);
        String orderNo = shop.placed(buyer, product, 1, "WECHAT").get("orderNo").asText();
        String pay = "/api/v1/orders/" + orderNo + "/pay";
        Map<String, String> key = Map.of("Idempotency-Key", "pay-91c2");

        Reply refused = server.post(pay, buyer.token(), Map.of("method", "BALANCE"), key);
        shop.topUp(buyer.userId(), 10_000);
        Reply first = server.post(pay, buyer.token(), Map.of("method", "BALANCE"), key);
        Reply replay = server.post(pay, buyer.token(), Map.of("method", "BALANCE"), key);
        assertThat(server.post("/api/v1/admin/orders/" + orderNo + "/ship", TestServer.ADMIN,
                Map.of("carrier", "SF", "trackingNumber", "SF1234567890")).status()).isEqualTo(200);
        Reply afterShipping = server.post(pay, buyer.token(), Map.of("method", "BALANCE"), key);
        Reply keyless = server.post(pay, buyer.token(), Map.of("method", "BALANCE"), Map.of());

        // A refused pay leaves nothing to replay: the same key pays once the balance suffices.
        assertThat(refused.code()).isEqualTo(40001);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(first.json().get("status").asText()).isEqualTo("PAID");
        assertReplays(replay, first);
        assertReplays(afterShipping, first);
        assertThat(keyless.status()).isEqualTo(200);
        assertThat(keyless.header("Idempotent-Replayed")).isNull();
        assertThat(keyless.text()).as("a retry without a key reads the payment's answer too").isEqualTo(first.text());
        assertThat(shop.balance(buyer)).isEqualTo(9_000);
    }

    private static Map<String, Object> placement(Buyer buyer, long product, int quantity, String method) {
        return Map.of("items", List.of(Map.of("productId", product, "quantity", quantity)),
                "addressId", buyer.addressId(), "paymentMethod", method);
    }

    private static void assertReplays(Reply replay, Reply first) {
        assertThat(replay.status()).isEqualTo(first.status());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.text()).isEqualTo(first.text());
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
    }

    @Test
    void productReadsCarryAnETagAndAShortCacheControlAndRevalidateTo304() {
        long product = shop.product("tagged-mug", 1_000, 5);
        for (String path : List.of("/api/v1/products/" + product, "/api/v1/products?limit=10")) {
            Reply first = server.get(path, null);
            String etag = first.header("ETag");
            assertThat(etag).as(path).matches("\"[0-9a-f]{32}\"");
            assertThat(first.header("Cache-Control")).isEqualTo("public, max-age=1");
            assertThat(server.get(path, null).header("ETag")).isEqualTo(etag);

            Reply unchanged = server.send("GET", path, null, null, null, Map.of("If-None-Match", etag));
            assertThat(unchanged.status()).as(path).isEqualTo(304);
            assertThat(unchanged.text()).isEmpty();
            assertThat(unchanged.header("ETag")).isEqualTo(etag);
            assertThat(server.send("GET", path, null, null, null, Map.of("If-None-Match", "W/" + etag + ", \"other\"")).status())
                    .isEqualTo(304);
            assertThat(server.send("GET", path, null, null, null, Map.of("If-None-Match", "\"other\"")).status()).isEqualTo(200);
        }
        String detailTag = server.get("/api/v1/products/" + product, null).header("ETag");
        String pageTag = server.get("/api/v1/products?limit=10", null).header("ETag");
        assertThat(server.patch("/api/v1/admin/products/" + product, TestServer.ADMIN, Map.of("price", 1_200)).status()).isEqualTo(200);

        Reply changed = server.send("GET", "/api/v1/products/" + product, null, null, null, Map.of("If-None-Match", detailTag));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("price").asLong()).isEqualTo(1_200);
        assertThat(changed.header("ETag")).isNotEqualTo(detailTag);
        assertThat(server.send("GET", "/api/v1/products?limit=10", null, null, null, Map.of("If-None-Match", pageTag)).status())
                .isEqualTo(200);
    }

    @Test
    void headAnswersLikeGetWithoutABody() {
        long product = shop.product("head-mug", 1_000, 5);
        Reply get = server.get("/api/v1/products/" + product, null);
        Reply head = server.send("HEAD", "/api/v1/products/" + product, null, null, null, Map.of());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.text()).isEmpty();
        assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
        assertThat(head.header("Content-Type")).startsWith("application/json");

        Reply missing = server.send("HEAD", "/api/v1/products/999999", null, null, null, Map.of());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).isEmpty();
        Reply page = server.send("HEAD", "/api/v1/products", null, null, null, Map.of());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).isEmpty();
        assertThat(page.header("ETag")).isEqualTo(server.get("/api/v1/products", null).header("ETag"));

        // Any GET route: its guard runs (Javalin's own HEAD answered 200 here without running it).
        Reply anonymous = server.send("HEAD", "/api/v1/me", null, null, null, Map.of());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.text()).isEmpty();
        Buyer buyer = shop.buyer();
        Reply mine = server.send("HEAD", "/api/v1/orders", buyer.token(), null, null, Map.of());
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.header("Content-Type")).startsWith("application/json");
        assertThat(mine.text()).isEmpty();
    }
}
