package dev.ordersystem.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.app.ApiClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 §1 on the embedded default (in-process stock gate and product cache): the detail and
 * the list show the same {@code available}, and it follows an order, a cancel, an admin restock
 * and an expiry; also after a restart, when the in-process gate counts nothing yet. Before the
 * fix the detail showed the figure of its first read for the cache's 60 s.
 */
class EmbeddedProductStockTest {
    private static final Duration PAYMENT_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dataDir;

    private Application start() {
        AppConfig config = AppConfig.from(ConfigSource.of(Map.of("ORDER_HTTP_PORT", "0", "ORDER_DATA_DIR", dataDir.toString(),
                "ORDER_PAYMENT_TIMEOUT", PAYMENT_TIMEOUT.toString())));
        assertThat(config.embedded()).isTrue();
        return Application.start(config, Clock.systemUTC());
    }

    @Test
    void theDetailAndTheListFollowEveryChangeAlsoAfterARestart() throws InterruptedException {
        long product;
        long initial;
        try (Application app = start()) {
            Storefront shop = new Storefront(new ApiClient(app.port()), app.adminToken());
            JsonNode first = shop.api.all("/api/v1/products", null).getFirst();
            product = first.get("id").asLong();
            initial = first.get("available").asLong();
            ShownStock.await(shop, "the embedded default", product, initial, "before any change");
            String token = demoLogin(shop.api);
            long address = shop.api.get("/api/v1/me/addresses", token).json().get("items").get(0).get("id").asLong();

            String orderNo = place(shop.api, token, address, product, 3, "WECHAT");
            ShownStock.await(shop, "the embedded default", product, initial - 3, "after an order of 3");

            Reply cancelled = shop.api.post("/api/v1/orders/" + orderNo + "/cancel", token, null);
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
            ShownStock.await(shop, "the embedded default", product, initial, "after the cancel");

            Reply restocked = shop.api.post("/api/v1/admin/products/" + product + "/stock", app.adminToken(),
                    Map.of("delta", 7, "reason", "delivery"));
            assertThat(restocked.status()).as(restocked.toString()).isEqualTo(200);
            assertThat(restocked.json().get("available").asLong()).as("the admin's answer").isEqualTo(initial + 7);
            ShownStock.await(shop, "the embedded default", product, initial + 7, "after the admin restock");

            String unpaid = place(shop.api, token, address, product, 2, "ALIPAY");
            ShownStock.await(shop, "the embedded default", product, initial + 5, "after an unpaid order of 2");
            awaitStatus(shop.api, token, unpaid, "CANCELLED", PAYMENT_TIMEOUT.plusSeconds(15));
            ShownStock.await(shop, "the embedded default", product, initial + 7, "after the expiry");
        }

        // A restart: the in-process gate counts nothing until a placement or re-count, so the
        // figures come from the database (copied for at most half a second).
        try (Application app = start()) {
            Storefront shop = new Storefront(new ApiClient(app.port()), app.adminToken());
            ShownStock.await(shop, "the restarted embedded default", product, initial + 7, "after the restart");
            String token = demoLogin(shop.api);
            long address = shop.api.get("/api/v1/me/addresses", token).json().get("items").get(0).get("id").asLong();
            String orderNo = place(shop.api, token, address, product, 1, "WECHAT");
            ShownStock.await(shop, "the restarted embedded default", product, initial + 6, "after an order of 1");
            Reply cancelled = shop.api.post("/api/v1/orders/" + orderNo + "/cancel", token, null);
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
            ShownStock.await(shop, "the restarted embedded default", product, initial + 7, "after the cancel");
            shop.auditClean();
        }
    }

    private static String place(ApiClient api, String token, long address, long product, int quantity, String method) {
        Reply placed = api.post("/api/v1/orders", token, Map.of(
                "items", List.of(Map.of("productId", product, "quantity", quantity)),
                "addressId", address, "paymentMethod", method), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed.json().get("orderNo").asText();
    }

    private static void awaitStatus(ApiClient api, String token, String orderNo, String status, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String seen = api.get("/api/v1/orders/" + orderNo, token).json().get("status").asText();
        while (!seen.equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen = api.get("/api/v1/orders/" + orderNo, token).json().get("status").asText();
        }
        assertThat(seen).as("order " + orderNo + " after " + limit).isEqualTo(status);
    }

    private static String demoLogin(ApiClient api) {
        Reply login = api.post("/api/v1/auth/login", null, Map.of("username", DemoData.DEMO_USER, "password", DemoData.DEMO_PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("token").asText();
    }
}
