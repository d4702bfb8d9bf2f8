package dev.ordersystem.http;

import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.TestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.ordersystem.http.ErrorCodesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Who may do what: users only on their own data, admins only with the admin secret. */
class AccessTest {
    private final SteppedClock clock = new SteppedClock();
    private final TestServer server = TestServer.builder().clock(clock).start();
    private final ShopSteps shop = new ShopSteps(server);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anotherUsersOrderAndAddressAreNotFound() {
        long id = shop.product("Green tea", 100, 10);
        Buyer owner = shop.buyer();
        Buyer other = shop.buyer();
        shop.topUp(other.userId(), 10_000);
        String orderNo = shop.placed(owner, id, 1, "WECHAT").get("orderNo").asText();

        assertProblem(server.get("/api/v1/orders/" + orderNo, other.token()), 404, 40400);
        assertProblem(server.post("/api/v1/orders/" + orderNo + "/pay", other.token(), Map.of("method", "BALANCE")), 404, 40400);
        assertProblem(server.post("/api/v1/orders/" + orderNo + "/cancel", other.token(), null), 404, 40400);
        assertProblem(server.delete("/api/v1/me/addresses/" + owner.addressId(), other.token()), 404, 40400);
        assertThat(server.get("/api/v1/orders", other.token()).json().get("items")).isEmpty();
        // Ordering to someone else's address is refused too.
        Reply foreignAddress = server.post("/api/v1/orders", other.token(), Map.of(
                "items", java.util.List.of(Map.of("productId", id, "quantity", 1)),
                "addressId", owner.addressId(), "paymentMethod", "BALANCE"));
        assertProblem(foreignAddress, 400, 40005);

        assertThat(server.get("/api/v1/orders/" + orderNo, owner.token()).json().get("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(shop.balance(other)).isEqualTo(10_000);
        assertThat(shop.available(id)).isEqualTo(9);
        shop.auditClean();
    }

    @Test
    void missingForgedOrExpiredTokensAreUnauthenticated() {
        Buyer buyer = shop.buyer();
        assertProblem(server.get("/api/v1/me", null), 401, 40100);
        assertProblem(server.send("GET", "/api/v1/me", null, null, null, Map.of("Authorization", "Basic dXNlcjpwYXNz")), 401, 40100);
        assertProblem(server.get("/api/v1/me", buyer.token() + "x"), 401, 40100);
        assertProblem(server.get("/api/v1/me", "forged-token"), 401, 40100);
        assertProblem(server.get("/api/v1/me", "a".repeat(300)), 401, 40100);
        assertThat(server.get("/api/v1/me", null).header("WWW-Authenticate")).isEqualTo("Bearer");
        // The admin secret is not a user token.
        assertProblem(server.get("/api/v1/me", TestServer.ADMIN), 401, 40100);

        assertThat(server.get("/api/v1/me", buyer.token()).status()).isEqualTo(200);
        clock.advance(Duration.ofHours(25));
        assertProblem(server.get("/api/v1/me", buyer.token()), 401, 40100);
    }

    @Test
    void adminRoutesNeedTheAdminToken() {
        Buyer buyer = shop.buyer();
        assertProblem(server.get("/api/v1/admin/audit", null), 401, 40100);
        assertProblem(server.get("/api/v1/admin/audit", "not-the-admin-token"), 401, 40100);
        assertProblem(server.get("/api/v1/admin/audit", TestServer.ADMIN + "0"), 401, 40100);
        assertProblem(server.get("/api/v1/admin/audit", buyer.token()), 403, 40300);
        assertProblem(server.post("/api/v1/admin/users/" + buyer.userId() + "/balance", buyer.token(),
                Map.of("amount", 1_000_000, "reason", "self-service")), 403, 40300);
        assertProblem(server.post("/api/v1/admin/products", buyer.token(),
                Map.of("name", "x", "price", 1, "stock", 1)), 403, 40300);
        assertThat(shop.balance(buyer)).isZero();
        assertThat(server.get("/api/v1/products", null).json().get("items")).isEmpty();
        assertThat(server.get("/api/v1/admin/audit", TestServer.ADMIN).status()).isEqualTo(200);
    }

    @Test
    void loginIsLimitedPerUsernameAndPerClient() {
        try (TestServer limited = TestServer.builder().settings(HttpSettings.defaults(TestServer.ADMIN)
                .withLoginPerUsername(AttemptLimit.parse(HttpSettings.LOGIN_PER_USERNAME, "3/3m"))
                .withLoginPerClient(AttemptLimit.parse(HttpSettings.LOGIN_PER_CLIENT, "5/5m"))).start()) {
            ShopSteps limitedShop = new ShopSteps(limited);
            Buyer buyer = limitedShop.buyer(); // one login spent
            for (int i = 0; i < 2; i++) {
                assertProblem(limited.post("/api/v1/auth/login", null, Map.of("username", buyer.username(), "password", "wrong-pass")), 401, 40100);
            }
            // Right password, but this username's budget is spent.
            assertProblem(limited.post("/api/v1/auth/login", null, Map.of("username", buyer.username(), "password", "secret-pass-1")), 429, 42900);
            // Other names from the same client: the client budget (5) runs out after one more.
            assertProblem(limited.post("/api/v1/auth/login", null, Map.of("username", "someone", "password", "whatever1")), 401, 40100);
            assertProblem(limited.post("/api/v1/auth/login", null, Map.of("username", "someone-else", "password", "whatever1")), 429, 42900);
        }
    }
}
