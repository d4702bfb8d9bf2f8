package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.ProductCatalogue;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.TestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error code of DESIGN §10, each produced by a real request, in the problem+json shape. */
class ErrorCodesTest {
    private final TestServer server = TestServer.start();
    private final ShopSteps shop = new ShopSteps(server);

    @AfterEach
    void stop() {
        server.close();
    }

    static void assertProblem(Reply reply, int status, int code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = reply.json();
        assertThat(body.get("code").asInt()).as(reply.toString()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("type").asText()).startsWith("urn:order-system:problem:");
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(body.get("errors").isArray()).isTrue();
        assertThat(body.get("requestId").asText()).isEqualTo(reply.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void insufficientBalance40001() {
        long id = shop.product("Pu-erh", 9_900, 5);
        Buyer buyer = shop.buyer();
        assertProblem(shop.place(buyer, id, 1, "BALANCE"), 409, 40001);
        assertThat(shop.available(id)).isEqualTo(5);
    }

    @Test
    void insufficientStock40002NamesTheProduct() {
        long id = shop.product("Rare white tea", 100, 2);
        Buyer buyer = shop.buyer();
        Reply reply = shop.place(buyer, id, 3, "WECHAT");
        assertProblem(reply, 409, 40002);
        assertThat(reply.json().get("detail").asText()).contains("Rare white tea");
        assertThat(reply.json().get("productId").asLong()).isEqualTo(id);
        assertThat(server.get("/metrics", null).text()).contains("orders_stock_conflicts_total 1.0");
    }

    @Test
    void productUnavailable40003() {
        long id = shop.product("Seasonal tea", 100, 2);
        server.patch("/api/v1/admin/products/" + id, TestServer.ADMIN, Map.of("onSale", false));
        Buyer buyer = shop.buyer();
        assertProblem(shop.place(buyer, id, 1, "WECHAT"), 409, 40003);
        assertProblem(shop.place(buyer, 987_654, 1, "WECHAT"), 409, 40003);
    }

    @Test
    void transitionNotAllowed40004() {
        long id = shop.product("Black tea", 100, 5);
        Buyer buyer = shop.buyer();
        String orderNo = shop.placed(buyer, id, 1, "WECHAT").get("orderNo").asText();
        assertProblem(server.post("/api/v1/admin/orders/" + orderNo + "/ship", TestServer.ADMIN,
                Map.of("carrier", "SF", "trackingNumber", "SF1")), 409, 40004);
        server.post("/api/v1/orders/" + orderNo + "/cancel", buyer.token(), null);
        assertProblem(server.post("/api/v1/admin/orders/" + orderNo + "/refund", TestServer.ADMIN, null), 409, 40004);
        shop.topUp(buyer.userId(), 1_000);
        assertProblem(server.post("/api/v1/orders/" + orderNo + "/pay", buyer.token(), Map.of("method", "BALANCE")), 409, 40004);
    }

    @Test
    void validation40005NamesEveryField() {
        Buyer buyer = shop.buyer();
        Reply reply = server.post("/api/v1/orders", buyer.token(), Map.of(
                "items", List.of(Map.of("productId", 1, "quantity", 0), Map.of("productId", -4, "quantity", 1)),
                "addressId", buyer.addressId(), "paymentMethod", "WECHAT"));
        assertProblem(reply, 400, 40005);
        assertThat(reply.json().get("errors").findValuesAsText("field"))
                .contains("items[0].quantity", "items[1].productId");
    }

    @Test
    void duplicateSubmission40009() {
        long id = shop.product("Green tea", 100, 50);
        Buyer buyer = shop.buyer();
        Map<String, Object> cart = Map.of("items", List.of(Map.of("productId", id, "quantity", 1)),
                "addressId", buyer.addressId(), "paymentMethod", "WECHAT");
        Map<String, Object> other = Map.of("items", List.of(Map.of("productId", id, "quantity", 2)),
                "addressId", buyer.addressId(), "paymentMethod", "WECHAT");
        assertThat(server.post("/api/v1/orders", buyer.token(), cart, Map.of("Idempotency-Key", "k1")).status()).isEqualTo(201);
        assertProblem(server.post("/api/v1/orders", buyer.token(), other, Map.of("Idempotency-Key", "k1")), 409, 40009);

        // Without a key, the same cart again within the duplicate window.
        assertThat(server.post("/api/v1/orders", buyer.token(), other).status()).isEqualTo(201);
        assertProblem(server.post("/api/v1/orders", buyer.token(), other), 409, 40009);

        // A pay key reused for another order.
        shop.topUp(buyer.userId(), 10_000);
        JsonNode a = shop.placed(buyer, id, 3, "WECHAT");
        JsonNode b = shop.placed(buyer, id, 4, "WECHAT");
        Map<String, String> key = Map.of("Idempotency-Key", "pay-once");
        assertThat(server.post("/api/v1/orders/" + a.get("orderNo").asText() + "/pay", buyer.token(), Map.of("method", "BALANCE"), key).status())
                .isEqualTo(200);
        assertProblem(server.post("/api/v1/orders/" + b.get("orderNo").asText() + "/pay", buyer.token(), Map.of("method", "BALANCE"), key), 409, 40009);
        assertThat(server.get("/api/v1/orders/" + b.get("orderNo").asText(), buyer.token()).json().get("status").asText())
                .isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void usernameTaken40010Is409() {
        Buyer buyer = shop.buyer();
        assertProblem(server.post("/api/v1/auth/register", null, Map.of("username", buyer.username().toUpperCase(), "password", "another-pass")),
                409, 40010);
    }

    @Test
    void notAuthenticated40100() {
        assertProblem(server.get("/api/v1/me", null), 401, 40100);
        assertProblem(server.post("/api/v1/auth/login", null, Map.of("username", "nobody", "password", "wrong-password")), 401, 40100);
    }

    @Test
    void forbidden40300() {
        Buyer buyer = shop.buyer();
        assertProblem(server.get("/api/v1/admin/audit", buyer.token()), 403, 40300);
    }

    @Test
    void notFound40400() {
        assertProblem(server.get("/api/v1/products/424242", null), 404, 40400);
        assertProblem(server.get("/api/v1/no-such-route", null), 404, 40400);
        assertProblem(server.post("/api/v1/admin/payments/WECHAT/T123/refunded", TestServer.ADMIN, null), 404, 40400);
        assertProblem(server.post("/api/v1/admin/users/999999/balance", TestServer.ADMIN, Map.of("amount", 1, "reason", "x")), 404, 40400);
    }

    @Test
    void rateLimited42900WithRetryAfter() {
        try (TestServer limited = TestServer.builder()
                .settings(HttpSettings.defaults(TestServer.ADMIN).withLoginPerUsername(AttemptLimit.parse(HttpSettings.LOGIN_PER_USERNAME, "2/2m"))).start()) {
            Map<String, String> wrong = Map.of("username", "victim", "password", "guess-guess");
            assertProblem(limited.post("/api/v1/auth/login", null, wrong), 401, 40100);
            assertProblem(limited.post("/api/v1/auth/login", null, wrong), 401, 40100);
            Reply third = limited.post("/api/v1/auth/login", null, wrong);
            assertProblem(third, 429, 42900);
            assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1L, 60L);
        }
    }

    @Test
    void unexpected50001CarriesTheRequestIdAndNoStackTrace() {
        try (TestServer broken = TestServer.builder().storage(ErrorCodesTest::brokenCatalogue).start()) {
            Reply reply = broken.send("GET", "/api/v1/products", null, null, null, Map.of("X-Request-Id", "trace-me-42"));
            assertProblem(reply, 500, 50001);
            assertThat(reply.json().get("requestId").asText()).isEqualTo("trace-me-42");
            assertThat(reply.text()).doesNotContain("IllegalStateException").doesNotContain("at dev.");
        }
    }

    @Test
    void lostDatabaseConnectionIs50300NotAnUnexpected500() {
        // As the driver reports a server shut down mid-request (found by the fault suite's database restart).
        try (TestServer broken = TestServer.builder().storage(s -> brokenCatalogue(s, () -> new IllegalStateException("SQL [select …]",
                new java.sql.SQLNonTransientConnectionException("(conn=2483) Socket error", "08000")))).start()) {
            Reply reply = broken.get("/api/v1/products", null);
            assertProblem(reply, 503, 50300);
            assertThat(reply.text()).doesNotContain("Socket error");
        }
    }

    @Test
    void dependencyDown50300OnReadiness() {
        try (TestServer down = TestServer.builder().readiness(() -> List.of(
                ReadinessCheck.DependencyStatus.up("database"),
                ReadinessCheck.DependencyStatus.down("redis", "connection refused"))).start()) {
            Reply reply = down.get("/health/ready", null);
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.json().get("code").asInt()).isEqualTo(50300);
            assertThat(reply.json().get("status").asText()).isEqualTo("DOWN");
        }
        try (TestServer throwing = TestServer.builder().readiness(() -> {
            throw new IllegalStateException("pool closed");
        }).start()) {
            assertThat(throwing.get("/health/ready", null).status()).isEqualTo(503);
        }
        Reply ready = server.get("/health/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("checks")).hasSize(2);
    }

    /** The in-memory store with a catalogue whose listing fails like a lost database connection. */
    static Storage brokenCatalogue(Storage s) {
        return brokenCatalogue(s, () -> new IllegalStateException("connection reset while listing products"));
    }

    static Storage brokenCatalogue(Storage s, java.util.function.Supplier<RuntimeException> failure) {
        ProductCatalogue real = s.catalogue();
        ProductCatalogue broken = new ProductCatalogue() {
            public Product add(String name, String description, Money price, boolean onSale, long lowStockThreshold) {
                return real.add(name, description, price, onSale, lowStockThreshold);
            }

            public Optional<Product> find(ProductId id) {
                return real.find(id);
            }

            public Map<ProductId, Product> findAll(Collection<ProductId> ids) {
                return real.findAll(ids);
            }

            public void update(Product product) {
                real.update(product);
            }

            public Page<Product> page(PageRequest page) {
                throw failure.get();
            }
        };
        return new Storage(s.transactions(), s.orders(), s.stock(), s.balances(), broken, s.payments(), s.attempts(), s.users(),
                s.tokens(), s.addresses(), s.audit(), s.outbox(), s.webhooks(), s.refunds());
    }
}
