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
    void aReplayedPlacementAnswers201WithTheSameBodyAndSaysItIsAReplay() {
        Buyer buyer = shop.buyer();
        long product = shop.product("replayed-mug", 1_000, 5);
        Map<String, Object> body = Map.of("items", List.of(Map.of("productId", product, "quantity", 1)),
                "addressId", buyer.addressId(), "paymentMethod", "WECHAT");
        Map<String, String> key = Map.of("Idempotency-Key", "checkout-7f3a");

        Reply first = server.post("/api/v1/orders", buyer.token(), body, key);
        Reply replay = server.post("/api/v1/orders", buyer.token(), body, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json()).isEqualTo(first.json());
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
    }

    @Test
    void aReplayedPaymentSaysItIsAReplay() {
        Buyer buyer = shop.buyer();
        long product = shop.product("paid-twice-mug", 1_000, 5);
        shop.topUp(buyer.userId(), 10_000);
        String orderNo = shop.placed(buyer, product, 1, "WECHAT").get("orderNo").asText();
        Map<String, String> key = Map.of("Idempotency-Key", "pay-91c2");

        Reply first = server.post("/api/v1/orders/" + orderNo + "/pay", buyer.token(), Map.of("method", "BALANCE"), key);
        Reply replay = server.post("/api/v1/orders/" + orderNo + "/pay", buyer.token(), Map.of("method", "BALANCE"), key);
        Reply keyless = server.post("/api/v1/orders/" + orderNo + "/pay", buyer.token(), Map.of("method", "BALANCE"), Map.of());

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json()).isEqualTo(first.json());
        assertThat(keyless.header("Idempotent-Replayed")).isNull();
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
