package dev.ordersystem.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.app.ApiClient.Reply;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Steps a buyer and an admin take over HTTP against one instance, asserting each step worked. */
final class Storefront {
    final ApiClient api;
    private final String adminToken;

    Storefront(ApiClient api, String adminToken) {
        this.api = api;
        this.adminToken = adminToken;
    }

    /** A registered, logged-in buyer with one shipping address. */
    String adminToken() {
        return adminToken;
    }

    record Buyer(long userId, String username, String token, long addressId) {
    }

    Buyer register(String username) {
        Reply registered = api.post("/api/v1/auth/register", null, Map.of("username", username, "password", "secret-pass-1"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return new Buyer(registered.json().get("userId").asLong(), username, null, 0);
    }

    /** Logs {@code buyer} in here (tokens live in the shared database) and, on the first call, adds an address. */
    Buyer logIn(Buyer buyer) {
        Reply login = api.post("/api/v1/auth/login", null, Map.of("username", buyer.username(), "password", "secret-pass-1"));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        String token = login.json().get("token").asText();
        if (buyer.addressId() != 0) return new Buyer(buyer.userId(), buyer.username(), token, buyer.addressId());
        Reply address = api.post("/api/v1/me/addresses", token,
                Map.of("recipient", "Li Lei", "phone", "+86 138-0000-0000", "region", "Shanghai", "detail", "1 Nanjing Rd"));
        assertThat(address.status()).as(address.toString()).isEqualTo(201);
        return new Buyer(buyer.userId(), buyer.username(), token, address.json().get("id").asLong());
    }

    long product(String name, long price, long stock) {
        Reply created = api.post("/api/v1/admin/products", adminToken,
                Map.of("name", name, "description", "a " + name, "price", price, "stock", stock, "onSale", true));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    void topUp(long userId, long amount) {
        Reply topUp = api.post("/api/v1/admin/users/" + userId + "/balance", adminToken, Map.of("amount", amount, "reason", "test funds"));
        assertThat(topUp.status()).as(topUp.toString()).isEqualTo(200);
    }

    /** Places an order with a fresh Idempotency-Key (so identical carts are separate orders). */
    Reply place(Buyer buyer, long productId, int quantity, String method) {
        return api.post("/api/v1/orders", buyer.token(), Map.of(
                        "items", List.of(Map.of("productId", productId, "quantity", quantity)),
                        "addressId", buyer.addressId(), "paymentMethod", method),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    JsonNode placed(Buyer buyer, long productId, int quantity, String method) {
        Reply reply = place(buyer, productId, quantity, method);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    JsonNode order(Buyer buyer, String orderNo) {
        Reply reply = api.get("/api/v1/orders/" + orderNo, buyer.token());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    JsonNode admin(String action, String orderNo) {
        Reply reply = api.post("/api/v1/admin/orders/" + orderNo + "/" + action, adminToken, null);
        assertThat(reply.status()).as(action + " " + orderNo + ": " + reply).isEqualTo(200);
        return reply.json();
    }

    JsonNode ship(String orderNo, String carrier, String trackingNumber) {
        Reply reply = api.post("/api/v1/admin/orders/" + orderNo + "/ship", adminToken,
                Map.of("carrier", carrier, "trackingNumber", trackingNumber));
        assertThat(reply.status()).as("ship " + orderNo + ": " + reply).isEqualTo(200);
        return reply.json();
    }

    long balance(Buyer buyer) {
        return api.get("/api/v1/me", buyer.token()).json().get("balance").asLong();
    }

    /** From the product list (which shows the same live figure as the detail). */
    long available(long productId) {
        return api.all("/api/v1/products", null).stream().filter(p -> p.get("id").asLong() == productId)
                .findFirst().orElseThrow(() -> new AssertionError("no product " + productId)).get("available").asLong();
    }

    List<JsonNode> allOrders() {
        return api.all("/api/v1/admin/orders", adminToken);
    }

    void auditClean() {
        Reply audit = api.get("/api/v1/admin/audit", adminToken);
        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        assertThat(audit.json().get("ok").asBoolean()).as(audit.toString()).isTrue();
        assertThat(audit.json().get("violations")).isEmpty();
    }
}
