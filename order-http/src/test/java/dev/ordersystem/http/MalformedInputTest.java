package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.TestServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of malformed requests, each answered 4xx with the right code and field, never 500;
 * the last check proves none of them wrote anything (orders, stock, balances, catalogue, audit).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedInputTest {
    private static final String JSON = "application/json";

    private final TestServer server = TestServer.start();
    private final ShopSteps shop = new ShopSteps(server);

    /** One malformed request and the answer it must get ({@code field} null: not checked). */
    record Case(String name, String method, String path, String token, String contentType, String body,
                Map<String, String> headers, int status, int code, String field) {
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyMalformedRequestIsRefusedAndWritesNothing() {
        long product = shop.product("Green tea", 2_500, 100);
        Buyer buyer = shop.buyer();
        shop.topUp(buyer.userId(), 50_000);
        String pendingNo = shop.placed(buyer, product, 1, "WECHAT").get("orderNo").asText();
        Snapshot before = snapshot(buyer, product, pendingNo);

        List<Case> cases = cases(buyer, product, pendingNo);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) tests.add(DynamicTest.dynamicTest(c.name(), () -> check(c)));
        tests.add(DynamicTest.dynamicTest("nothing was written", () -> {
            assertThat(snapshot(buyer, product, pendingNo)).isEqualTo(before);
            shop.auditClean();
        }));
        return tests.stream();
    }

    private void check(Case c) {
        Reply reply = server.send(c.method(), c.path(), c.token(), c.contentType(), c.body(), c.headers());
        assertThat(reply.status()).as(c.name() + ": " + reply).isEqualTo(c.status());
        assertThat(reply.header("Content-Type")).as(c.name()).startsWith("application/problem+json");
        assertThat(reply.code()).as(c.name() + ": " + reply).isEqualTo(c.code());
        ReadableProblemsTest.assertReadable(reply);
        if (c.field() != null) {
            assertThat(reply.json().get("errors").findValuesAsText("field")).as(c.name() + ": " + reply).contains(c.field());
        }
    }

    record Snapshot(long balance, long available, String pendingStatus, int orders, int products, int addresses,
                    String catalogueJson) {
    }

    private Snapshot snapshot(Buyer buyer, long product, String pendingNo) {
        JsonNode orders = server.get("/api/v1/admin/orders?limit=100", TestServer.ADMIN).json();
        return new Snapshot(shop.balance(buyer), shop.available(product),
                server.get("/api/v1/orders/" + pendingNo, buyer.token()).json().get("status").asText(),
                orders.get("items").size(),
                server.get("/api/v1/products?limit=100", null).json().get("items").size(),
                server.get("/api/v1/me/addresses", buyer.token()).json().get("items").size(),
                server.get("/api/v1/products?limit=100", null).json().get("items").toString());
    }

    private static String cursor(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<Case> cases(Buyer buyer, long product, String pendingNo) {
        String u = buyer.token();
        String a = TestServer.ADMIN;
        String good = "{\"items\":[{\"productId\":" + product + ",\"quantity\":1}],\"addressId\":" + buyer.addressId()
                + ",\"paymentMethod\":\"BALANCE\"";
        String item = "{\"productId\":" + product + ",\"quantity\":";
        String tail = "],\"addressId\":" + buyer.addressId() + ",\"paymentMethod\":\"BALANCE\"}";
        Builder b = new Builder();
        String orders = "/api/v1/orders";

        // Placing an order: JSON syntax.
        b.bad("truncated JSON", "POST", orders, u, JSON, "{\"items\": [", "body");
        b.bad("not JSON at all", "POST", orders, u, JSON, "hello", "body");
        b.bad("empty body", "POST", orders, u, JSON, "", "body");
        b.bad("top-level array", "POST", orders, u, JSON, "[]", "body");
        b.bad("top-level string", "POST", orders, u, JSON, "\"order\"", "body");
        b.bad("top-level null", "POST", orders, u, JSON, "null", "body");
        b.bad("trailing garbage", "POST", orders, u, JSON, good + "} x", "body");
        b.bad("duplicate key", "POST", orders, u, JSON, good + ",\"addressId\":1}", "body");
        b.bad("NaN literal", "POST", orders, u, JSON, "{\"items\":[" + item + "NaN}" + tail, "body");
        b.bad("nesting too deep", "POST", orders, u, JSON, "{\"items\":" + "[".repeat(60) + "]".repeat(60) + "}", "body");
        b.bad("single quotes", "POST", orders, u, JSON, "{'items': []}", "body");
        // Types and values.
        b.bad("items is a string", "POST", orders, u, JSON, "{\"items\":\"abc\",\"addressId\":1,\"paymentMethod\":\"BALANCE\"}", "items");
        b.bad("items is an object", "POST", orders, u, JSON, "{\"items\":{},\"addressId\":1,\"paymentMethod\":\"BALANCE\"}", "items");
        b.bad("item is a number", "POST", orders, u, JSON, "{\"items\":[5" + tail, "items[0]");
        b.bad("productId as string", "POST", orders, u, JSON, "{\"items\":[{\"productId\":\"" + product + "\",\"quantity\":1}" + tail, "items[0].productId");
        b.bad("quantity fraction", "POST", orders, u, JSON, "{\"items\":[" + item + "1.5}" + tail, "items[0].quantity");
        b.bad("quantity 1.0", "POST", orders, u, JSON, "{\"items\":[" + item + "1.0}" + tail, "items[0].quantity");
        b.bad("quantity exponent", "POST", orders, u, JSON, "{\"items\":[" + item + "1e2}" + tail, "items[0].quantity");
        b.bad("quantity negative", "POST", orders, u, JSON, "{\"items\":[" + item + "-1}" + tail, "items[0].quantity");
        b.bad("quantity zero", "POST", orders, u, JSON, "{\"items\":[" + item + "0}" + tail, "items[0].quantity");
        b.bad("quantity over int", "POST", orders, u, JSON, "{\"items\":[" + item + "99999999999}" + tail, "items[0].quantity");
        b.bad("quantity over 999", "POST", orders, u, JSON, "{\"items\":[" + item + "1000}" + tail, "items[0].quantity");
        b.bad("quantity as boolean", "POST", orders, u, JSON, "{\"items\":[" + item + "true}" + tail, "items[0].quantity");
        b.bad("quantity null", "POST", orders, u, JSON, "{\"items\":[" + item + "null}" + tail, "items[0].quantity");
        b.bad("productId over long", "POST", orders, u, JSON, "{\"items\":[{\"productId\":123456789012345678901234567890,\"quantity\":1}" + tail, "items[0].productId");
        b.bad("productId negative", "POST", orders, u, JSON, "{\"items\":[{\"productId\":-7,\"quantity\":1}" + tail, "items[0].productId");
        b.bad("productId missing", "POST", orders, u, JSON, "{\"items\":[{\"quantity\":1}" + tail, "items[0].productId");
        b.bad("items missing", "POST", orders, u, JSON, "{\"addressId\":1,\"paymentMethod\":\"BALANCE\"}", "items");
        b.bad("items empty", "POST", orders, u, JSON, "{\"items\":[" + tail, "items");
        b.bad("51 lines", "POST", orders, u, JSON, "{\"items\":[" + String.join(",", java.util.Collections.nCopies(51, item + "1}")) + tail, "items");
        b.bad("addressId null", "POST", orders, u, JSON, "{\"items\":[" + item + "1}],\"addressId\":null,\"paymentMethod\":\"BALANCE\"}", "addressId");
        b.bad("addressId boolean", "POST", orders, u, JSON, "{\"items\":[" + item + "1}],\"addressId\":true,\"paymentMethod\":\"BALANCE\"}", "addressId");
        b.bad("addressId unknown", "POST", orders, u, JSON, "{\"items\":[" + item + "1}],\"addressId\":999999,\"paymentMethod\":\"BALANCE\"}", "addressId");
        b.bad("paymentMethod unknown", "POST", orders, u, JSON, "{\"items\":[" + item + "1}],\"addressId\":" + buyer.addressId() + ",\"paymentMethod\":\"BITCOIN\"}", "paymentMethod");
        b.bad("paymentMethod lower case", "POST", orders, u, JSON, "{\"items\":[" + item + "1}],\"addressId\":" + buyer.addressId() + ",\"paymentMethod\":\"balance\"}", "paymentMethod");
        b.bad("paymentMethod as number", "POST", orders, u, JSON, "{\"items\":[" + item + "1}],\"addressId\":" + buyer.addressId() + ",\"paymentMethod\":0}", "paymentMethod");
        b.bad("paymentMethod missing", "POST", orders, u, JSON, "{\"items\":[" + item + "1}],\"addressId\":" + buyer.addressId() + "}", "paymentMethod");
        b.add(new Case("Idempotency-Key too long", "POST", orders, u, JSON, good + "}", Map.of("Idempotency-Key", "k".repeat(65)), 400, 40005, "Idempotency-Key"));
        // Transport.
        b.bad("text/plain content type", "POST", orders, u, "text/plain", good + "}", "Content-Type");
        b.bad("no content type", "POST", orders, u, null, good + "}", "Content-Type");
        b.bad("form content type", "POST", orders, u, "application/x-www-form-urlencoded", "items=1", "Content-Type");
        b.bad("latin-1 charset", "POST", orders, u, "application/json; charset=ISO-8859-1", good + "}", "Content-Type");
        b.bad("body over 64 KiB", "POST", orders, u, JSON, good + ",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}", "body");

        // Paying and path parameters.
        String pay = "/api/v1/orders/" + pendingNo + "/pay";
        b.bad("pay without method", "POST", pay, u, JSON, "{}", "method");
        b.bad("pay with WECHAT", "POST", pay, u, JSON, "{\"method\":\"WECHAT\"}", "method");
        b.bad("pay with unknown method", "POST", pay, u, JSON, "{\"method\":\"CASH\"}", "method");
        b.add(new Case("pay Idempotency-Key with a space", "POST", pay, u, JSON, "{\"method\":\"BALANCE\"}",
                Map.of("Idempotency-Key", "pay once"), 400, 40005, "Idempotency-Key"));
        b.notFound("pay on a malformed order number", "POST", "/api/v1/orders/abc/pay", u, "{\"method\":\"BALANCE\"}");
        b.notFound("pay on a too short order number", "POST", "/api/v1/orders/123/pay", u, "{\"method\":\"BALANCE\"}");
        b.notFound("cancel a 40-digit order number", "POST", "/api/v1/orders/" + "9".repeat(40) + "/cancel", u, null);
        b.notFound("order number with letters", "GET", "/api/v1/orders/12345678ab", u, null);
        b.notFound("product id letters", "GET", "/api/v1/products/abc", null, null);
        b.notFound("product id zero", "GET", "/api/v1/products/0", null, null);
        b.notFound("product id negative", "GET", "/api/v1/products/-1", null, null);
        b.notFound("product id over long", "GET", "/api/v1/products/99999999999999999999999", null, null);
        b.notFound("address id letters", "DELETE", "/api/v1/me/addresses/abc", u, null);
        b.notFound("user id letters", "POST", "/api/v1/admin/users/abc/balance", a, "{\"amount\":1,\"reason\":\"x\"}");
        b.notFound("unknown payment channel", "POST", "/api/v1/admin/payments/PAYPAL/T1/refunded", a, null);

        // Query parameters.
        b.bad("limit zero", "GET", "/api/v1/products?limit=0", null, null, null, "limit");
        b.bad("limit 101", "GET", "/api/v1/products?limit=101", null, null, null, "limit");
        b.bad("limit letters", "GET", "/api/v1/products?limit=abc", null, null, null, "limit");
        b.bad("limit negative", "GET", "/api/v1/orders?limit=-5", u, null, null, "limit");
        b.bad("limit fraction", "GET", "/api/v1/admin/orders?limit=1.5", a, null, null, "limit");
        b.bad("cursor not base64", "GET", "/api/v1/products?cursor=!!!", null, null, null, "cursor");
        b.bad("cursor of another list", "GET", "/api/v1/products?cursor=" + cursor("order:" + pendingNo), null, null, null, "cursor");
        b.bad("cursor with a bad key", "GET", "/api/v1/products?cursor=" + cursor("product:abc"), null, null, null, "cursor");
        b.bad("order cursor with a bad key", "GET", "/api/v1/orders?cursor=" + cursor("order:1; DROP TABLE"), u, null, null, "cursor");
        b.bad("unknown order status", "GET", "/api/v1/orders?status=LOST", u, null, null, "status");
        b.bad("payments without status", "GET", "/api/v1/admin/payments", a, null, null, "status");
        b.bad("payments with a settled status", "GET", "/api/v1/admin/payments?status=SUCCEEDED", a, null, null, "status");

        // Admin bodies.
        String products = "/api/v1/admin/products";
        b.bad("price negative", "POST", products, a, JSON, "{\"name\":\"x\",\"price\":-1,\"stock\":1}", "price");
        b.bad("price fraction", "POST", products, a, JSON, "{\"name\":\"x\",\"price\":9.99,\"stock\":1}", "price");
        b.bad("price as string", "POST", products, a, JSON, "{\"name\":\"x\",\"price\":\"10\",\"stock\":1}", "price");
        b.bad("price absurd", "POST", products, a, JSON, "{\"name\":\"x\",\"price\":9000000000000000000,\"stock\":1}", "price");
        b.bad("stock over long", "POST", products, a, JSON, "{\"name\":\"x\",\"price\":1,\"stock\":1e30}", "stock");
        b.bad("name missing", "POST", products, a, JSON, "{\"price\":1,\"stock\":1}", "name");
        b.bad("name blank", "POST", products, a, JSON, "{\"name\":\"  \",\"price\":1,\"stock\":1}", "name");
        b.bad("onSale as string", "POST", products, a, JSON, "{\"name\":\"x\",\"price\":1,\"stock\":1,\"onSale\":\"yes\"}", "onSale");
        b.bad("lowStockThreshold negative", "POST", products, a, JSON, "{\"name\":\"x\",\"price\":1,\"stock\":1,\"lowStockThreshold\":-1}", "lowStockThreshold");
        b.bad("lowStockThreshold as string", "POST", products, a, JSON, "{\"name\":\"x\",\"price\":1,\"stock\":1,\"lowStockThreshold\":\"5\"}", "lowStockThreshold");
        b.bad("lowStockThreshold fraction", "PATCH", products + "/" + product, a, JSON, "{\"lowStockThreshold\":2.5}", "lowStockThreshold");
        b.bad("lowStockThreshold absurd", "PATCH", products + "/" + product, a, JSON, "{\"lowStockThreshold\":2000000000}", "lowStockThreshold");
        b.bad("patch with nothing", "PATCH", products + "/" + product, a, JSON, "{}", "body");
        b.bad("patch price zero", "PATCH", products + "/" + product, a, JSON, "{\"price\":0}", "price");
        b.bad("stock delta zero", "POST", products + "/" + product + "/stock", a, JSON, "{\"delta\":0,\"reason\":\"count\"}", "delta");
        b.add(new Case("stock below zero", "POST", products + "/" + product + "/stock", a, JSON, "{\"delta\":-1000,\"reason\":\"count\"}", Map.of(), 409, 40002, null));
        String topUp = "/api/v1/admin/users/" + buyer.userId() + "/balance";
        b.bad("top-up negative", "POST", topUp, a, JSON, "{\"amount\":-100,\"reason\":\"x\"}", "amount");
        b.bad("top-up fraction", "POST", topUp, a, JSON, "{\"amount\":1.5,\"reason\":\"x\"}", "amount");
        b.bad("top-up without reason", "POST", topUp, a, JSON, "{\"amount\":100}", "reason");

        // Accounts.
        b.bad("username too short", "POST", "/api/v1/auth/register", null, JSON, "{\"username\":\"ab\",\"password\":\"long-enough\"}", "username");
        b.bad("password as number", "POST", "/api/v1/auth/register", null, JSON, "{\"username\":\"abcdef\",\"password\":12345678}", "password");
        b.bad("login without password", "POST", "/api/v1/auth/login", null, JSON, "{\"username\":\"abcdef\"}", "password");
        b.bad("phone with letters", "POST", "/api/v1/me/addresses", u, JSON, "{\"recipient\":\"A\",\"phone\":\"call me\",\"region\":\"R\",\"detail\":\"D\"}", "phone");
        b.bad("address without detail", "POST", "/api/v1/me/addresses", u, JSON, "{\"recipient\":\"A\",\"phone\":\"12345\",\"region\":\"R\"}", "detail");
        b.bad("province too long", "POST", "/api/v1/me/addresses", u, JSON, "{\"recipient\":\"A\",\"phone\":\"12345\",\"region\":\"R\",\"detail\":\"D\",\"province\":\"" + "p".repeat(65) + "\"}", "province");
        b.bad("province null", "POST", "/api/v1/me/addresses", u, JSON, "{\"recipient\":\"A\",\"phone\":\"12345\",\"region\":\"R\",\"detail\":\"D\",\"province\":null}", "province");
        b.bad("postalCode too short", "POST", "/api/v1/me/addresses", u, JSON, "{\"recipient\":\"A\",\"phone\":\"12345\",\"region\":\"R\",\"detail\":\"D\",\"postalCode\":\"12\"}", "postalCode");
        b.bad("postalCode as number", "POST", "/api/v1/me/addresses", u, JSON, "{\"recipient\":\"A\",\"phone\":\"12345\",\"region\":\"R\",\"detail\":\"D\",\"postalCode\":100080}", "postalCode");
        b.bad("isDefault as number", "POST", "/api/v1/me/addresses", u, JSON, "{\"recipient\":\"A\",\"phone\":\"12345\",\"region\":\"R\",\"detail\":\"D\",\"isDefault\":1}", "isDefault");
        b.notFound("default of an unknown address", "PUT", "/api/v1/me/addresses/999999999/default", u, null);
        b.notFound("default of address id letters", "PUT", "/api/v1/me/addresses/abc/default", u, null);
        return b.cases;
    }

    private static final class Builder {
        final List<Case> cases = new ArrayList<>();

        void add(Case c) {
            cases.add(c);
        }

        void bad(String name, String method, String path, String token, String contentType, String body, String field) {
            cases.add(new Case(name, method, path, token, contentType, body, Map.of(), 400, 40005, field));
        }

        void notFound(String name, String method, String path, String token, String body) {
            cases.add(new Case(name, method, path, token, body == null ? null : JSON, body, Map.of(), 404, 40400, null));
        }
    }
}
