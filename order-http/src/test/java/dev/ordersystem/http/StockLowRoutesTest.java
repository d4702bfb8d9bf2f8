package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.TestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §15 stock.low over HTTP: the admin sets a product's threshold when adding or changing it
 * and reads it back on the admin routes (never on the buyers'), and the event reaches the feed
 * with the product it is about, once per crossing. Bad thresholds are in {@link MalformedInputTest}.
 */
class StockLowRoutesTest {
    private final TestServer server = TestServer.start();
    private final ShopSteps shop = new ShopSteps(server);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theThresholdIsSetShownAndCrossingItWritesStockLowToTheFeed() {
        Reply created = server.post("/api/v1/admin/products", TestServer.ADMIN,
                Map.of("name", "Tieguanyin, 100 g", "price", 6_800, "stock", 6, "lowStockThreshold", 5));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("lowStockThreshold").asLong()).isEqualTo(5);
        long product = created.json().get("id").asLong();
        assertThat(server.get("/api/v1/products/" + product, null).json().has("lowStockThreshold"))
                .as("buyers do not see it").isFalse();

        Reply changed = server.patch("/api/v1/admin/products/" + product, TestServer.ADMIN, Map.of("lowStockThreshold", 4));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("lowStockThreshold").asLong()).isEqualTo(4);
        assertThat(server.get("/api/v1/admin/products/" + product, TestServer.ADMIN).json().get("lowStockThreshold").asLong())
                .isEqualTo(4);

        Buyer buyer = shop.buyer();
        shop.topUp(buyer.userId(), 100_000);
        assertThat(shop.place(buyer, product, 2, "BALANCE").status()).isEqualTo(201); // 6 → 4: at the threshold
        assertThat(shop.place(buyer, product, 1, "BALANCE").status()).isEqualTo(201); // 4 → 3: below
        Reply adjusted = server.post("/api/v1/admin/products/" + product + "/stock", TestServer.ADMIN,
                Map.of("delta", -1, "reason", "breakage")); // 3 → 2: below already
        assertThat(adjusted.status()).as(adjusted.toString()).isEqualTo(200);

        server.system.webhookWorker().runOnce(); // publishes what is committed (the app does this in the background)
        List<JsonNode> stockLow = new ArrayList<>();
        for (JsonNode e : server.get("/api/v1/admin/events?after=0&limit=500", TestServer.ADMIN).json().get("items")) {
            if (e.get("type").asText().equals("stock.low")) stockLow.add(e);
        }
        assertThat(stockLow).singleElement().satisfies(e -> {
            assertThat(e.get("productId").asLong()).isEqualTo(product);
            assertThat(e.get("orderNo").isNull()).isTrue();
            assertThat(e.get("data").get("available").asLong()).isEqualTo(3);
            assertThat(e.get("data").get("lowStockThreshold").asLong()).isEqualTo(4);
            assertThat(e.get("data").get("name").asText()).isEqualTo("Tieguanyin, 100 g");
        });
        shop.auditClean();
    }
}
