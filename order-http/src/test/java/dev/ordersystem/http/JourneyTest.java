package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.TestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole purchase over HTTP, as a shop frontend and its admin would do it. */
class JourneyTest {
    private final TestServer server = TestServer.start();
    private final ShopSteps shop = new ShopSteps(server);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registerBrowsePlacePayCancelShipCompleteRefundAudit() {
        long tea = shop.product("Green tea", 2_500, 100);
        long cup = shop.product("Tea cup", 1_200, 10);
        Buyer buyer = shop.buyer();
        shop.topUp(buyer.userId(), 100_000);

        Reply me = server.get("/api/v1/me", buyer.token());
        assertThat(me.json().get("username").asText()).isEqualTo(buyer.username());
        assertThat(me.json().get("balance").asLong()).isEqualTo(100_000);
        assertThat(server.get("/api/v1/me/addresses", buyer.token()).json().get("items")).hasSize(1);

        JsonNode products = server.get("/api/v1/products?limit=1", null).json();
        assertThat(products.get("items")).hasSize(1);
        assertThat(products.get("items").get(0).get("id").asLong()).isEqualTo(tea);
        JsonNode second = server.get("/api/v1/products?limit=1&cursor=" + products.get("nextCursor").asText(), null).json();
        assertThat(second.get("items").get(0).get("id").asLong()).isEqualTo(cup);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        JsonNode teaView = server.get("/api/v1/products/" + tea, null).json();
        assertThat(teaView.get("price").asLong()).isEqualTo(2_500);
        assertThat(teaView.get("available").asLong()).isEqualTo(100);
        assertThat(teaView.get("onSale").asBoolean()).isTrue();

        // BALANCE: paid at once, stock and balance taken.
        JsonNode paid = shop.placed(buyer, tea, 2, "BALANCE");
        assertThat(paid.get("status").asText()).isEqualTo("PAID");
        assertThat(paid.get("totalAmount").asLong()).isEqualTo(5_000);
        assertThat(paid.get("payAmount").asLong()).isEqualTo(5_000);
        assertThat(paid.get("items").get(0).get("productName").asText()).isEqualTo("Green tea");
        assertThat(paid.get("items").get(0).get("lineAmount").asLong()).isEqualTo(5_000);
        assertThat(paid.get("shippingAddress").get("region").asText()).isEqualTo("Shanghai");
        assertThat(paid.get("paidAt").asText()).endsWith("Z");
        assertThat(shop.balance(buyer)).isEqualTo(95_000);
        assertThat(shop.available(tea)).isEqualTo(98);

        // WECHAT: pending until paid; here paid from the balance instead.
        JsonNode pending = shop.placed(buyer, cup, 1, "WECHAT");
        assertThat(pending.get("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(pending.get("expiresAt").asText()).endsWith("Z");
        String pendingNo = pending.get("orderNo").asText();
        Reply payReply = server.post("/api/v1/orders/" + pendingNo + "/pay", buyer.token(), Map.of("method", "BALANCE"));
        assertThat(payReply.status()).as(payReply.toString()).isEqualTo(200);
        assertThat(payReply.json().get("status").asText()).isEqualTo("PAID");
        assertThat(shop.balance(buyer)).isEqualTo(93_800);

        // Another pending order, cancelled by the buyer: stock comes back.
        JsonNode toCancel = shop.placed(buyer, tea, 3, "ALIPAY");
        assertThat(shop.available(tea)).isEqualTo(95);
        Reply cancelled = server.post("/api/v1/orders/" + toCancel.get("orderNo").asText() + "/cancel", buyer.token(), null);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().get("cancelReason").asText()).isEqualTo("BY_USER");
        assertThat(shop.available(tea)).isEqualTo(98);

        // The buyer's list: newest first, filter by status, cursor paging.
        JsonNode list = server.get("/api/v1/orders?limit=2", buyer.token()).json();
        assertThat(list.get("items")).hasSize(2);
        assertThat(list.get("items").get(0).get("orderNo").asText()).isEqualTo(toCancel.get("orderNo").asText());
        JsonNode rest = server.get("/api/v1/orders?limit=2&cursor=" + list.get("nextCursor").asText(), buyer.token()).json();
        assertThat(rest.get("items")).hasSize(1);
        assertThat(rest.get("items").get(0).get("orderNo").asText()).isEqualTo(paid.get("orderNo").asText());
        assertThat(server.get("/api/v1/orders?status=CANCELLED", buyer.token()).json().get("items")).hasSize(1);

        // Admin: ship → complete the first order, refund the second.
        String paidNo = paid.get("orderNo").asText();
        assertThat(server.post("/api/v1/admin/orders/" + paidNo + "/ship", TestServer.ADMIN,
                Map.of("carrier", "SF", "trackingNumber", "SF1")).json()
                .get("status").asText()).isEqualTo("SHIPPED");
        JsonNode completed = server.post("/api/v1/admin/orders/" + paidNo + "/complete", TestServer.ADMIN, null).json();
        assertThat(completed.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(completed.get("completedAt").asText()).endsWith("Z");
        JsonNode refunded = server.post("/api/v1/admin/orders/" + pendingNo + "/refund", TestServer.ADMIN, null).json();
        assertThat(refunded.get("status").asText()).isEqualTo("REFUNDED");
        assertThat(shop.balance(buyer)).isEqualTo(95_000);
        assertThat(shop.available(cup)).isEqualTo(10);
        assertThat(server.get("/api/v1/orders/" + pendingNo, buyer.token()).json().get("status").asText()).isEqualTo("REFUNDED");

        JsonNode all = server.get("/api/v1/admin/orders?status=COMPLETED", TestServer.ADMIN).json();
        assertThat(all.get("items")).hasSize(1);
        shop.auditClean();
    }

    @Test
    void adminChangesTheCatalogueAndTheBuyerManagesAddresses() {
        long id = shop.product("Oolong", 3_000, 5);
        // Read (cached, its JSON kept) before each change: every change shows on the next read.
        assertThat(server.get("/api/v1/products/" + id, null).json().get("price").asLong()).isEqualTo(3_000);
        Reply patched = server.patch("/api/v1/admin/products/" + id, TestServer.ADMIN, Map.of("price", 3_300, "onSale", false));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("price").asLong()).isEqualTo(3_300);
        JsonNode detail = server.get("/api/v1/products/" + id, null).json();
        assertThat(detail.get("onSale").asBoolean()).isFalse();
        assertThat(detail.get("price").asLong()).isEqualTo(3_300);
        Reply stock = server.post("/api/v1/admin/products/" + id + "/stock", TestServer.ADMIN, Map.of("delta", -2, "reason", "broken"));
        assertThat(stock.json().get("available").asLong()).isEqualTo(3);
        assertThat(server.get("/api/v1/products/" + id, null).json().get("available").asLong()).isEqualTo(3);

        Buyer buyer = shop.buyer();
        Reply second = server.post("/api/v1/me/addresses", buyer.token(),
                Map.of("recipient", "Han Meimei", "phone", "13900000000", "region", "Beijing", "detail", "2 Chang'an Ave"));
        long secondId = second.json().get("id").asLong();
        JsonNode page = server.get("/api/v1/me/addresses?limit=1", buyer.token()).json();
        assertThat(page.get("items")).hasSize(1);
        JsonNode next = server.get("/api/v1/me/addresses?limit=1&cursor=" + page.get("nextCursor").asText(), buyer.token()).json();
        assertThat(next.get("items").get(0).get("id").asLong()).isEqualTo(secondId);
        assertThat(server.delete("/api/v1/me/addresses/" + secondId, buyer.token()).status()).isEqualTo(204);
        assertThat(server.get("/api/v1/me/addresses", buyer.token()).json().get("items")).hasSize(1);

        Reply logout = server.post("/api/v1/auth/logout", buyer.token(), null);
        assertThat(logout.status()).isEqualTo(204);
        assertThat(server.get("/api/v1/me", buyer.token()).status()).isEqualTo(401);
        shop.auditClean();
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstOrder() {
        long id = shop.product("Jasmine", 1_000, 50);
        Buyer buyer = shop.buyer();
        Map<String, Object> cart = Map.of("items", java.util.List.of(Map.of("productId", id, "quantity", 1)),
                "addressId", buyer.addressId(), "paymentMethod", "WECHAT");
        Reply first = server.post("/api/v1/orders", buyer.token(), cart, Map.of("Idempotency-Key", "cart-42"));
        Reply again = server.post("/api/v1/orders", buyer.token(), cart, Map.of("Idempotency-Key", "cart-42"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("orderNo").asText()).isEqualTo(first.json().get("orderNo").asText());
        assertThat(shop.available(id)).isEqualTo(49);

        String orderNo = first.json().get("orderNo").asText();
        shop.topUp(buyer.userId(), 5_000);
        Reply pay = server.post("/api/v1/orders/" + orderNo + "/pay", buyer.token(), Map.of("method", "BALANCE"), Map.of("Idempotency-Key", "pay-1"));
        Reply payAgain = server.post("/api/v1/orders/" + orderNo + "/pay", buyer.token(), Map.of("method", "BALANCE"), Map.of("Idempotency-Key", "pay-1"));
        assertThat(pay.status()).isEqualTo(200);
        assertThat(payAgain.status()).as(payAgain.toString()).isEqualTo(200);
        assertThat(shop.balance(buyer)).isEqualTo(4_000);
        shop.auditClean();
    }
}
