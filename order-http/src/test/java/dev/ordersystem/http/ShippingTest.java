package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.TestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.ordersystem.http.ErrorCodesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Shipping over HTTP: the admin ships with a tracking number and corrects it, the buyer follows it and confirms receipt. */
class ShippingTest {
    private final TestServer server = TestServer.start();
    private final ShopSteps shop = new ShopSteps(server);

    @AfterEach
    void stop() {
        server.close();
    }

    private String paidOrder(Buyer buyer) {
        long tea = shop.product("Pu-erh", 1_000, 10);
        shop.topUp(buyer.userId(), 10_000);
        return shop.placed(buyer, tea, 1, "BALANCE").get("orderNo").asText();
    }

    private Reply ship(String orderNo, Object body) {
        return server.post("/api/v1/admin/orders/" + orderNo + "/ship", TestServer.ADMIN, body);
    }

    @Test
    void shipWithoutTheFieldsIs40005NamingEachAndWritesNothing() {
        String orderNo = paidOrder(shop.buyer());

        Reply none = ship(orderNo, Map.of());
        Reply blank = ship(orderNo, Map.of("carrier", " ", "trackingNumber", "SF 12"));
        Reply noBody = ship(orderNo, null);

        assertProblem(none, 400, 40005);
        assertThat(none.json().get("errors").findValuesAsText("field")).containsExactly("carrier", "trackingNumber");
        assertProblem(blank, 400, 40005);
        assertThat(blank.json().get("errors").findValuesAsText("field")).containsExactly("carrier", "trackingNumber");
        assertProblem(noBody, 400, 40005);
        var stored = server.store.orders().find(new OrderNo(orderNo)).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.PAID);
        assertThat(stored.shipment()).isNull();
    }

    @Test
    void theBuyerSeesCarrierAndTrackingNumberAndAdminsSeeEachCorrection() {
        Buyer buyer = shop.buyer();
        String orderNo = paidOrder(buyer);
        assertThat(server.get("/api/v1/orders/" + orderNo, buyer.token()).json().get("shipment").isNull()).isTrue();

        Reply shipped = ship(orderNo, Map.of("carrier", " SF Express ", "trackingNumber", "SF1234567890 "));

        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(200);
        JsonNode seen = server.get("/api/v1/orders/" + orderNo, buyer.token()).json().get("shipment");
        assertThat(seen.get("carrier").asText()).isEqualTo("SF Express");
        assertThat(seen.get("trackingNumber").asText()).isEqualTo("SF1234567890");
        assertThat(seen.get("shippedAt").asText()).endsWith("Z");
        assertThat(server.get("/api/v1/orders", buyer.token()).json().get("items").get(0).get("shipment").get("trackingNumber")
                .asText()).isEqualTo("SF1234567890");

        Reply corrected = server.send("PUT", "/api/v1/admin/orders/" + orderNo + "/shipment", TestServer.ADMIN,
                "application/json", TestServer.write(Map.of("carrier", "YTO", "trackingNumber", "YT9876")), Map.of());

        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        assertThat(server.get("/api/v1/orders/" + orderNo, buyer.token()).json().get("shipment").get("trackingNumber")
                .asText()).isEqualTo("YT9876");
        assertThat(server.get("/api/v1/admin/orders/" + orderNo, TestServer.ADMIN).json().get("shipment").get("carrier")
                .asText()).isEqualTo("YTO");
        JsonNode corrections = server.get("/api/v1/admin/orders/" + orderNo + "/shipment/corrections", TestServer.ADMIN).json();
        assertThat(corrections.get("items")).hasSize(1);
        JsonNode correction = corrections.get("items").get(0);
        assertThat(correction.get("oldCarrier").asText()).isEqualTo("SF Express");
        assertThat(correction.get("oldTrackingNumber").asText()).isEqualTo("SF1234567890");
        assertThat(correction.get("newCarrier").asText()).isEqualTo("YTO");
        assertThat(correction.get("newTrackingNumber").asText()).isEqualTo("YT9876");
        assertThat(correction.get("correctedAt").asText()).endsWith("Z");
        assertThat(server.get("/api/v1/admin/orders/" + orderNo + "/shipment/corrections", buyer.token()).status()).isEqualTo(403);
    }

    @Test
    void theBuyerConfirmsReceiptOnceAnotherBuyerCannotAndNotBeforeShipping() {
        Buyer buyer = shop.buyer();
        Buyer stranger = shop.buyer();
        String orderNo = paidOrder(buyer);
        String confirm = "/api/v1/orders/" + orderNo + "/confirm-receipt";

        assertProblem(server.post(confirm, buyer.token(), null), 409, 40004);
        ship(orderNo, Map.of("carrier", "SF", "trackingNumber", "SF1"));
        assertProblem(server.post(confirm, stranger.token(), null), 404, 40400);
        Reply first = server.post(confirm, buyer.token(), null);
        Reply again = server.post(confirm, buyer.token(), null);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("status").asText()).isEqualTo("COMPLETED");
        assertThat(first.json().get("completedAt").asText()).endsWith("Z");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        shop.auditClean();
    }
}
