package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.TestServer.Reply;
import dev.ordersystem.http.cors.CorsOrigins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Cross-origin calls from a shop's pages (ORDER_CORS_ORIGINS): preflights, and the headers on every answer. */
class CorsTest {
    private static final String SHOP = "https://shop.example.com";
    private static final String STRANGER = "https://evil.example";
    private static final String EXPOSED = "X-Request-Id, Retry-After, Location, Idempotent-Replayed, ETag";

    private final TestServer server = TestServer.builder()
            .settings(settings().withCors(CorsOrigins.parse(SHOP + ",http://127.0.0.1:5173"))
                    .withLoginPerUsername(AttemptLimit.parse(HttpSettings.LOGIN_PER_USERNAME, "1/1h")))
            .readiness(() -> List.of(ReadinessCheck.DependencyStatus.down("database", "refused")))
            .start();
    private final ShopSteps shop = new ShopSteps(server);

    private static HttpSettings settings() {
        return HttpSettings.defaults(TestServer.ADMIN)
                .withLoginPerClient(AttemptLimit.parse(HttpSettings.LOGIN_PER_CLIENT, "10000/1s"))
                .withRegisterPerClient(AttemptLimit.parse(HttpSettings.REGISTER_PER_CLIENT, "10000/1s"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Reply preflight(String path, String origin, String method) {
        return server.send("OPTIONS", path, null, null, null, Map.of("Origin", origin,
                "Access-Control-Request-Method", method, "Access-Control-Request-Headers", "authorization,content-type,idempotency-key"));
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnswered204WithWhatItMaySend() {
        // The admin tree too: a preflight carries no token and must not meet the admin guard.
        for (String path : List.of("/api/v1/orders", "/api/v1/orders/20260101000000000001/pay", "/api/v1/admin/products")) {
            Reply reply = preflight(path, SHOP, "POST");
            assertThat(reply.status()).as(path + " " + reply).isEqualTo(204);
            assertThat(reply.text()).isEmpty();
            assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
            assertThat(reply.headerValues("Vary")).contains("Origin");
            assertThat(reply.header("Access-Control-Allow-Methods")).contains("POST", "GET", "DELETE", "PATCH", "PUT");
            assertThat(reply.header("Access-Control-Allow-Headers"))
                    .contains("Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id");
            assertThat(reply.header("Access-Control-Max-Age")).isEqualTo("600");
            assertThat(reply.header("Access-Control-Allow-Credentials")).isNull();
        }
        assertThat(preflight("/api/v1/orders", "http://127.0.0.1:5173", "POST").header("Access-Control-Allow-Origin"))
                .isEqualTo("http://127.0.0.1:5173");
    }

    @Test
    void aPreflightFromAnotherOriginGetsNoAllowHeaders() {
        Reply reply = preflight("/api/v1/orders", STRANGER, "POST");
        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
        assertThat(reply.header("Access-Control-Allow-Methods")).isNull();
        assertThat(reply.header("Access-Control-Allow-Headers")).isNull();
        assertThat(reply.header("Access-Control-Expose-Headers")).isNull();
    }

    @Test
    void successAndProblemAnswersCarryTheAllowedOriginAndTheExposedHeaders() {
        Buyer buyer = shop.buyer();
        long product = shop.product("cors-mug", 1_000, 5);
        shop.topUp(buyer.userId(), 10_000);
        JsonNode order = shop.placed(buyer, product, 1, "WECHAT");
        String orderNo = order.get("orderNo").asText();
        assertThat(server.post("/api/v1/orders/" + orderNo + "/cancel", buyer.token(), null).status()).isEqualTo(200);
        Map<String, String> fromShop = Map.of("Origin", SHOP);

        Reply placed = server.send("POST", "/api/v1/orders", buyer.token(), "application/json", TestServer.write(Map.of(
                "items", List.of(Map.of("productId", product, "quantity", 1)), "addressId", buyer.addressId(),
                "paymentMethod", "BALANCE")), fromShop);
        Reply detail = server.send("GET", "/api/v1/products/" + product, null, null, null, fromShop);
        Reply payCancelled = server.send("POST", "/api/v1/orders/" + orderNo + "/pay", buyer.token(), "application/json",
                "{\"method\":\"BALANCE\"}", fromShop);
        Reply noToken = server.send("GET", "/api/v1/orders", null, null, null, fromShop);
        Reply noRoute = server.send("GET", "/api/v1/nothing-here", null, null, null, fromShop);
        // Refused by Jetty before any route (bad UTF-8 in the path): its own error handler.
        Reply jetty = server.send("GET", "/api/v1/products/%FF", null, null, null, fromShop);
        Reply notReady = server.send("GET", "/health/ready", null, null, null, fromShop);
        server.send("POST", "/api/v1/auth/login", null, "application/json",
                "{\"username\":\"" + buyer.username() + "\",\"password\":\"wrong-pass-1\"}", fromShop);
        Reply limited = server.send("POST", "/api/v1/auth/login", null, "application/json",
                "{\"username\":\"" + buyer.username() + "\",\"password\":\"wrong-pass-1\"}", fromShop);

        assertThat(placed.status()).isEqualTo(201);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(payCancelled.status()).isEqualTo(409);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(jetty.status()).isEqualTo(400);
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
        for (Reply reply : List.of(placed, detail, payCancelled, noToken, noRoute, jetty, notReady, limited)) {
            assertThat(reply.header("Access-Control-Allow-Origin")).as(reply.toString()).isEqualTo(SHOP);
            assertThat(reply.header("Access-Control-Expose-Headers")).as(reply.toString()).isEqualTo(EXPOSED);
            assertThat(reply.headerValues("Vary")).as(reply.toString()).contains("Origin");
            assertThat(reply.header("X-Request-Id")).as(reply.toString()).isNotBlank();
        }
        assertThat(limited.header("Retry-After")).isNotBlank();
    }

    @Test
    void anotherOriginGetsNoCorsHeaders() {
        long product = shop.product("cors-plate", 1_000, 5);
        Reply reply = server.send("GET", "/api/v1/products/" + product, null, null, null, Map.of("Origin", STRANGER));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
        assertThat(reply.header("Access-Control-Expose-Headers")).isNull();
        Reply problem = server.send("GET", "/api/v1/orders", null, null, null, Map.of("Origin", STRANGER));
        assertThat(problem.status()).isEqualTo(401);
        assertThat(problem.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void withNoOriginsConfiguredNothingChanges() {
        try (TestServer plain = TestServer.start()) {
            Reply preflight = plain.send("OPTIONS", "/api/v1/orders", null, null, null,
                    Map.of("Origin", SHOP, "Access-Control-Request-Method", "POST"));
            assertThat(preflight.status()).isEqualTo(404);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
            Reply read = plain.send("GET", "/health/live", null, null, null, Map.of("Origin", SHOP));
            assertThat(read.header("Access-Control-Allow-Origin")).isNull();
            assertThat(read.header("Vary")).isNull();
        }
    }

    @Test
    void starAllowsEveryOriginWithoutCredentials() {
        try (TestServer any = TestServer.builder().settings(settings().withCors(CorsOrigins.parse("*"))).start()) {
            Reply preflight = any.send("OPTIONS", "/api/v1/orders", null, null, null,
                    Map.of("Origin", STRANGER, "Access-Control-Request-Method", "POST"));
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
            Reply read = any.send("GET", "/health/live", null, null, null, Map.of("Origin", STRANGER));
            assertThat(read.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(read.header("Access-Control-Expose-Headers")).isEqualTo(EXPOSED);
        }
    }
}
