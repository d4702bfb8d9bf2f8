package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.http.TestServer.Reply;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Steps a shop frontend and an admin take, over HTTP, asserting each step worked. */
final class ShopSteps {
    private static final AtomicInteger names = new AtomicInteger();

    final TestServer server;

    ShopSteps(TestServer server) {
        this.server = server;
    }

    /** A registered, logged-in buyer with one address. */
    record Buyer(long userId, String username, String token, long addressId) {
    }

    Buyer buyer() {
        String name = "buyer" + names.incrementAndGet() + "_" + System.nanoTime() % 100_000;
        Reply registered = server.post("/api/v1/auth/register", null, Map.of("username", name, "password", "secret-pass-1"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Reply login = server.post("/api/v1/auth/login", null, Map.of("username", name, "password", "secret-pass-1"));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        String token = login.json().get("token").asText();
        Reply address = server.post("/api/v1/me/addresses", token,
                Map.of("recipient", "Li Lei", "phone", "+86 138-0000-0000", "region", "Shanghai", "detail", "1 Nanjing Rd"));
        assertThat(address.status()).as(address.toString()).isEqualTo(201);
        return new Buyer(registered.json().get("userId").asLong(), name, token, address.json().get("id").asLong());
    }

    long product(String name, long price, long stock) {
        Reply created = server.post("/api/v1/admin/products", TestServer.ADMIN,
                Map.of("name", name, "description", "a " + name, "price", price, "stock", stock, "onSale", true));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    void topUp(long userId, long amount) {
        Reply topUp = server.post("/api/v1/admin/users/" + userId + "/balance", TestServer.ADMIN,
                Map.of("amount", amount, "reason", "test funds"));
        assertThat(topUp.status()).as(topUp.toString()).isEqualTo(200);
    }

    Reply place(Buyer buyer, long productId, int quantity, String method) {
        return server.post("/api/v1/orders", buyer.token(), Map.of(
                "items", List.of(Map.of("productId", productId, "quantity", quantity)),
                "addressId", buyer.addressId(), "paymentMethod", method));
    }

    JsonNode placed(Buyer buyer, long productId, int quantity, String method) {
        Reply reply = place(buyer, productId, quantity, method);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    long balance(Buyer buyer) {
        return server.get("/api/v1/me", buyer.token()).json().get("balance").asLong();
    }

    /** Read from the product list, which reads the store; the detail route is cached and may lag (DESIGN §4.8). */
    long available(long productId) {
        for (JsonNode product : server.get("/api/v1/products?limit=100", null).json().get("items")) {
            if (product.get("id").asLong() == productId) return product.get("available").asLong();
        }
        throw new AssertionError("no product " + productId + " in the list");
    }

    void auditClean() {
        Reply audit = server.get("/api/v1/admin/audit", TestServer.ADMIN);
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().get("ok").asBoolean()).as(audit.toString()).isTrue();
    }
}
