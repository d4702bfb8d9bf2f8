package dev.ordersystem.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.app.ApiClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default (DESIGN §6): no database or Redis configured, an H2 file database in the
 * data directory, the demo catalogue and buyer — and nothing lost when the server restarts.
 */
class EmbeddedDefaultTest {
    @TempDir
    Path dataDir;

    private Application start() {
        AppConfig config = AppConfig.from(ConfigSource.of(Map.of("ORDER_HTTP_PORT", "0", "ORDER_DATA_DIR", dataDir.toString())));
        assertThat(config.embedded()).isTrue();
        return Application.start(config, Clock.systemUTC());
    }

    @Test
    void theDemoBuyerOrdersAndTheOrderSurvivesARestart() {
        String orderNo;
        long productId;
        try (Application app = start()) {
            ApiClient api = new ApiClient(app.port());
            List<JsonNode> products = api.all("/api/v1/products", null);
            assertThat(products).extracting(p -> p.get("name").asText())
                    .containsExactly("Longjing green tea, 250 g", "Celadon tea cup", "Bamboo tea tray", "Pu'er cake, 357 g",
                            "Flash-sale gift box");
            assertThat(products).allSatisfy(p -> assertThat(p.get("onSale").asBoolean()).isTrue());
            productId = products.get(1).get("id").asLong();

            String token = demoLogin(api);
            long addressId = api.get("/api/v1/me/addresses", token).json().get("items").get(0).get("id").asLong();
            Reply placed = api.post("/api/v1/orders", token, Map.of(
                    "items", List.of(Map.of("productId", productId, "quantity", 2)),
                    "addressId", addressId, "paymentMethod", "BALANCE"), Map.of("Idempotency-Key", "embedded-1"));
            assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
            assertThat(placed.json().get("status").asText()).isEqualTo("PAID");
            assertThat(placed.json().get("payAmount").asLong()).isEqualTo(9_000);
            orderNo = placed.json().get("orderNo").asText();

            Reply ready = api.get("/health/ready", null);
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().get("checks")).extracting(c -> c.get("name").asText()).containsExactly("database");
        }

        try (Application app = start()) {
            ApiClient api = new ApiClient(app.port());
            assertThat(api.all("/api/v1/products", null)).as("the demo catalogue is seeded once").hasSize(5);
            String token = demoLogin(api);
            Reply order = api.get("/api/v1/orders/" + orderNo, token);
            assertThat(order.status()).as(order.toString()).isEqualTo(200);
            assertThat(order.json().get("status").asText()).isEqualTo("PAID");
            assertThat(order.json().get("items").get(0).get("quantity").asInt()).isEqualTo(2);
            assertThat(api.get("/api/v1/me", token).json().get("balance").asLong()).isEqualTo(100_000 - 9_000);
            assertThat(api.get("/api/v1/products/" + productId, null).json().get("available").asLong()).isEqualTo(80 - 2);
            Reply audit = api.get("/api/v1/admin/audit", app.adminToken());
            assertThat(audit.json().get("ok").asBoolean()).as(audit.toString()).isTrue();
        }
    }

    private static String demoLogin(ApiClient api) {
        Reply login = api.post("/api/v1/auth/login", null, Map.of("username", DemoData.DEMO_USER, "password", DemoData.DEMO_PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("token").asText();
    }
}
