package dev.ordersystem.http;

import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.TestServer.Reply;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Request ids, health and the Prometheus scrape. */
class ObservabilityTest {
    private final TestServer server = TestServer.start();
    private final ShopSteps shop = new ShopSteps(server);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyAnswerCarriesARequestIdTheClientsOrAFreshOne() {
        Reply mine = server.send("GET", "/health/live", null, null, null, Map.of("X-Request-Id", "abc-123"));
        assertThat(mine.header("X-Request-Id")).isEqualTo("abc-123");
        Reply fresh = server.get("/health/live", null);
        Reply other = server.get("/health/live", null);
        assertThat(fresh.header("X-Request-Id")).isNotBlank().isNotEqualTo(other.header("X-Request-Id"));
        // A header that could forge log lines is replaced.
        Reply forged = server.send("GET", "/health/live", null, null, null, Map.of("X-Request-Id", "x y\tz"));
        assertThat(forged.header("X-Request-Id")).isNotEqualTo("x y\tz");
        assertThat(mine.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void logLinesOfARequestCarryItsId() throws InterruptedException {
        Logger root = (Logger) LoggerFactory.getLogger("dev.ordersystem");
        Logger access = (Logger) LoggerFactory.getLogger("dev.ordersystem.http.access");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        Level rootLevel = root.getLevel();
        Level accessLevel = access.getLevel();
        root.setLevel(Level.DEBUG);
        access.setLevel(Level.DEBUG);
        List<ILoggingEvent> events;
        try {
            server.send("GET", "/api/v1/products/77", null, null, null, Map.of("X-Request-Id", "find-me-7"));
            // The access line is written once the answer has gone out, so it may trail the client a little.
            events = waitFor(captured, event -> event.getFormattedMessage().contains("GET /api/v1/products/77 -> 404"));
        } finally {
            root.setLevel(rootLevel);
            access.setLevel(accessLevel);
            root.detachAppender(captured);
        }
        assertThat(events).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(event -> assertThat(event.getMDCPropertyMap()).containsEntry("requestId", "find-me-7"));
    }

    private static List<ILoggingEvent> waitFor(ListAppender<ILoggingEvent> appender, Predicate<ILoggingEvent> wanted)
            throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            List<ILoggingEvent> events;
            synchronized (appender) {
                events = List.copyOf(appender.list);
            }
            if (events.stream().anyMatch(wanted)) return events;
            Thread.sleep(10);
        }
        throw new AssertionError("the expected log line never came");
    }

    @Test
    void metricsShowOrdersAndLatencyPerRoute() {
        long id = shop.product("Green tea", 100, 10);
        Buyer buyer = shop.buyer();
        String orderNo = shop.placed(buyer, id, 1, "WECHAT").get("orderNo").asText();
        server.post("/api/v1/orders/" + orderNo + "/cancel", buyer.token(), null);
        server.get("/api/v1/products/" + id, null);

        Reply metrics = server.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.text())
                .contains("orders_placed_total{method=\"WECHAT\"} 1.0")
                .contains("orders_cancelled_total{by=\"user\"} 1.0")
                .contains("http_server_requests_seconds_bucket")
                .contains("route=\"/api/v1/products/{id}\"")
                .doesNotContain("route=\"/api/v1/products/" + id + "\"");
    }

    @Test
    void anIdempotentReplayIsCountedAsAReplayNotAsAnotherPlacedOrder() {
        long id = shop.product("Oolong", 100, 10);
        Buyer buyer = shop.buyer();
        Map<String, Object> cart = Map.of("items", List.of(Map.of("productId", id, "quantity", 1)),
                "addressId", buyer.addressId(), "paymentMethod", "ALIPAY");
        for (int i = 0; i < 3; i++) {
            assertThat(server.post("/api/v1/orders", buyer.token(), cart, Map.of("Idempotency-Key", "once")).status()).isEqualTo(201);
        }

        assertThat(server.get("/metrics", null).text())
                .contains("orders_placed_total{method=\"ALIPAY\"} 1.0")
                .contains("orders_replayed_total{method=\"ALIPAY\"} 2.0");
    }
}
