package dev.ordersystem.http;

import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.TestServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests Jetty refuses itself, before any route runs (an encoded NUL, bad UTF-8 or a dot-dot
 * segment in the URI, a URI or header too long): they get the API's problem+json (DESIGN §10),
 * 400/40005 with the part at fault and a request id, not Jetty's HTML page, and write nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedUriTest {
    private final TestServer server = TestServer.start();
    private final ShopSteps shop = new ShopSteps(server);

    record Case(String name, String method, String path, String token, String body, Map<String, String> headers, String field) {
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> refusedBeforeAnyRouteAndAnsweredAsProblemJson() {
        long product = shop.product("Oolong", 1_800, 10);
        Buyer buyer = shop.buyer();
        shop.topUp(buyer.userId(), 10_000);
        String pendingNo = shop.placed(buyer, product, 2, "WECHAT").get("orderNo").asText();
        String before = state(buyer, product, pendingNo);

        String token = buyer.token();
        String pay = "{\"method\":\"BALANCE\"}";
        List<Case> cases = List.of(
                new Case("encoded NUL in a product id", "GET", "/api/v1/products/%00", null, null, Map.of(), "request"),
                new Case("encoded NUL in an order number", "GET", "/api/v1/orders/%00", token, null, Map.of(), "request"),
                new Case("encoded NUL after a real order number", "POST", "/api/v1/orders/" + pendingNo + "%00/pay", token, pay, Map.of(), "request"),
                new Case("encoded NUL on cancel", "POST", "/api/v1/orders/" + pendingNo + "%00/cancel", token, null, Map.of(), "request"),
                new Case("encoded NUL on DELETE", "DELETE", "/api/v1/me/addresses/" + buyer.addressId() + "%00", token, null, Map.of(), "request"),
                new Case("encoded NUL on an admin PATCH", "PATCH", "/api/v1/admin/products/" + product + "%00", TestServer.ADMIN,
                        "{\"price\":1}", Map.of(), "request"),
                new Case("invalid UTF-8 in a path", "GET", "/api/v1/products/%FF", null, null, Map.of(), "request"),
                new Case("overlong UTF-8 dot in a path", "POST", "/api/v1/orders/%C0%AE%C0%AE/pay", token, pay, Map.of(), "request"),
                new Case("encoded dot-dot segment", "GET", "/%2e%2e/api/v1/me", token, null, Map.of(), "request"),
                new Case("a URI too long", "GET", "/api/v1/products/" + "1".repeat(20_000), null, null, Map.of(), "uri"),
                new Case("headers too large", "GET", "/api/v1/products/" + product, null, null, Map.of("X-Filler", "f".repeat(20_000)), "headers"));

        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) tests.add(DynamicTest.dynamicTest(c.name(), () -> check(c)));
        tests.add(DynamicTest.dynamicTest("nothing was written", () -> {
            assertThat(state(buyer, product, pendingNo)).isEqualTo(before);
            shop.auditClean();
        }));
        return tests.stream();
    }

    @Test
    void aClientRequestIdIsKeptWhereJettyStillHasTheHeadersAndHeadGetsNoBody() {
        // Bad UTF-8 is found after the headers were parsed: the client's id is kept.
        Reply reply = server.send("GET", "/api/v1/products/%FF", null, null, null, Map.of("X-Request-Id", "trace-42"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("requestId").asText()).isEqualTo("trace-42");
        assertThat(reply.header("X-Request-Id")).isEqualTo("trace-42");
        // An encoded NUL is refused while parsing, before Jetty keeps any header: a fresh id.
        Reply early = server.send("GET", "/api/v1/products/%00", null, null, null, Map.of("X-Request-Id", "trace-43"));
        assertThat(early.json().get("requestId").asText()).isEqualTo(early.header("X-Request-Id")).isNotEqualTo("trace-43").hasSize(32);

        Reply head = server.send("HEAD", "/api/v1/products/%00", null, null, null, Map.of());
        assertThat(head.status()).isEqualTo(400);
        assertThat(head.text()).isEmpty();
    }

    /**
     * Jetty drops the connection after a request line it cannot parse: the answer must say
     * {@code Connection: close}, or a client that pools connections sends its next request into
     * the closed one and loses it.
     */
    @Test
    void theAnswerSaysTheConnectionCloses() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.app().port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /api/v1/products/%00 HTTP/1.1\r\nHost: shop\r\n\r\n"
                    + "GET /api/v1/products?limit=1 HTTP/1.1\r\nHost: shop\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // until the server closes
            assertThat(answer).startsWith("HTTP/1.1 400 ").containsIgnoringCase("\r\nConnection: close\r\n")
                    .contains("application/problem+json");
            assertThat(answer.split("HTTP/1.1 ", -1)).as("only the refused request was answered").hasSize(2);
        }
    }

    private void check(Case c) {
        Reply reply = server.send(c.method(), c.path(), c.token(), c.body() == null ? null : "application/json", c.body(), c.headers());
        assertThat(reply.status()).as(c.name() + ": " + reply).isEqualTo(400);
        assertThat(reply.header("Content-Type")).as(c.name() + ": " + reply).startsWith("application/problem+json");
        ErrorCodesTest.assertProblem(reply, 400, 40005);
        assertThat(reply.json().get("errors").findValuesAsText("field")).as(c.name()).containsExactly(c.field());
        assertThat(reply.text()).as(c.name()).doesNotContain("<html", "jetty", "Jetty");
    }

    /** What a write would change: the order's status, the balance, the stock, the number of orders. */
    private String state(Buyer buyer, long product, String orderNo) {
        return server.get("/api/v1/orders/" + orderNo, buyer.token()).json().get("status").asText()
                + " balance=" + shop.balance(buyer) + " available=" + shop.available(product)
                + " orders=" + server.get("/api/v1/admin/orders?limit=100", TestServer.ADMIN).json().get("items").size()
                + " addresses=" + server.get("/api/v1/me/addresses", buyer.token()).json().get("items").size()
                + " price=" + server.get("/api/v1/products?limit=100", null).json().findValues("price");
    }
}
