package dev.ordersystem.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.harness.Json;
import dev.ordersystem.harness.RedisWire;
import dev.ordersystem.harness.Sha256;
import dev.ordersystem.harness.ShopApi;
import dev.ordersystem.harness.WireHttp;
import dev.ordersystem.harness.WireReply;
import dev.ordersystem.harness.WireRequest;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DESIGN §10 and §12 against one instance: another user's orders, tampered, expired and revoked
 * tokens, forged, tampered and stale payment notifications (made by hand, not by the sandbox),
 * injection strings in every string the API accepts and malformed or oversized bodies. Each
 * refusal must be its 4xx as problem+json (naming the field where there is one), and no row of
 * any table may change meanwhile; the strings that free-text fields accept must be stored
 * literally ({@link LiteralTexts}).
 */
final class SecurityPass {
    static final List<String> INJECTIONS = List.of("' OR '1'='1", "1; DROP TABLE orders; --", "\" OR \"\"=\"",
            "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}", "admin'--", "\u0000\u202e", "%27%20OR%201=1");
    private static final Pattern FRESH_REQUEST_ID = Pattern.compile("[0-9a-f]{32}");

    private final FaultShop shop;
    private final Database db;
    private final WireHttp http;
    private final String redisPrefix;
    private final int redisPort;
    private final Findings findings = new Findings();
    private final ProviderNotifications notifications;

    SecurityPass(FaultShop shop, Database db, String redisPrefix, int redisPort, ProviderNotifications notifications) {
        this.shop = shop;
        this.notifications = notifications;
        this.db = db;
        this.redisPrefix = redisPrefix;
        this.redisPort = redisPort;
        this.http = shop.cluster.http(0);
    }

    /** Runs every check; returns the problems (empty when all passed). */
    List<String> run(String runId) throws IOException, InterruptedException, SQLException {
        FaultShop.Buyer a = buyer("sa" + runId);
        FaultShop.Buyer b = buyer("sb" + runId);
        long product = shop.products.get(1);
        JsonNode order1 = send(a.token(), "POST", "/api/v1/orders", Json.write(cart(a, product, 1, "WECHAT")), Map.of(), Set.of(201)).json();
        JsonNode order2 = send(a.token(), "POST", "/api/v1/orders", Json.write(cart(a, product, 2, "ALIPAY")), Map.of(), Set.of(201)).json();
        String o1 = order1.get("orderNo").asText();
        // Paid by the provider's notifications (signed with the shared sandbox's keys), which are then forged and tampered with.
        ProviderNotifications.Signed wechat = notifications.paid("WECHAT", o1, order1.get("payAmount").asLong());
        ProviderNotifications.Signed alipay = notifications.paid("ALIPAY", order2.get("orderNo").asText(), order2.get("payAmount").asLong());
        send(null, "POST", wechat.path(), wechat.body(), wechat.headers(), Set.of(200, 204));
        send(null, "POST", alipay.path(), alipay.body(), alipay.headers(), Set.of(200));

        // Every refusal below: no row of any table may change (compared row by row).
        TableRows before = TableRows.of(db);
        crossUser(a, b, o1);
        notifications(wechat, alipay.body());
        injections(a, product);
        malformed(a, product, o1);
        Map<String, TableRows.Change> wrote = TableRows.of(db).writtenSince(before);
        findings.check(wrote.isEmpty(), () -> "rejected requests wrote rows: " + wrote);
        new LiteralTexts(shop, db, findings, INJECTIONS).run(runId, a);
        tokens(a, b); // last: it revokes and expires the buyers' tokens
        System.out.printf("  security pass: %d checks, %d problems%n", findings.checks(), findings.problems().size());
        return findings.problems();
    }

    private FaultShop.Buyer buyer(String username) throws IOException {
        return shop.buyer(username, 10_000_00L, "security pass", new ShopApi.Address("Wei", "+86 137-0000-0000", "Beijing", "2 Chang'an Ave"));
    }

    private static Map<String, Object> cart(FaultShop.Buyer buyer, Object productId, Object quantity, Object method) {
        Map<String, Object> cart = new HashMap<>();
        cart.put("items", List.of(Map.of("productId", productId, "quantity", quantity)));
        cart.put("addressId", buyer.addressId());
        cart.put("paymentMethod", method);
        return cart;
    }

    private void crossUser(FaultShop.Buyer a, FaultShop.Buyer b, String ordersOfA) throws IOException, InterruptedException {
        expect("read another's order", b.token(), "GET", "/api/v1/orders/" + ordersOfA, null, 404, 40400);
        expect("pay another's order", b.token(), "POST", "/api/v1/orders/" + ordersOfA + "/pay", "{\"method\":\"BALANCE\"}", 404, 40400);
        expect("cancel another's order", b.token(), "POST", "/api/v1/orders/" + ordersOfA + "/cancel", null, 404, 40400);
        expect("delete another's address", b.token(), "DELETE", "/api/v1/me/addresses/" + a.addressId(), null, 404, 40400);
        expect("order with another's address", b.token(), "POST", "/api/v1/orders", Json.write(cart(a, shop.products.get(1), 1, "BALANCE")), 404, 40400, 400, 40005, 409, 40003);
        JsonNode mine = send(b.token(), "GET", "/api/v1/orders?limit=100", null, Map.of(), Set.of(200)).json();
        findings.check(mine.path("items").size() == 0, () -> "user B lists orders that are not theirs: " + mine);
    }

    private void tokens(FaultShop.Buyer a, FaultShop.Buyer b) throws IOException, InterruptedException, SQLException {
        String token = a.token();
        String tampered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        expect("tampered token", tampered, "GET", "/api/v1/me", null, 401, 40100);
        expect("tampered token places", tampered, "POST", "/api/v1/orders", Json.write(cart(a, shop.products.get(1), 1, "BALANCE")), 401, 40100);
        expect("no token", null, "GET", "/api/v1/me", null, 401, 40100);
        expect("garbage token", "x.y.z", "GET", "/api/v1/me", null, 401, 40100);
        expect("user token on admin route", token, "POST", "/api/v1/admin/users/" + a.userId() + "/balance",
                "{\"amount\":100,\"reason\":\"mine\"}", 401, 40100, 403, 40300);
        expect("wrong admin token", shop.adminToken + "x", "GET", "/api/v1/admin/audit", null, 401, 40100, 403, 40300);
        expect("wrong admin token pays", shop.adminToken.substring(1), "POST", "/api/v1/admin/sandbox/payments/X1",
                "{\"channel\":\"WECHAT\"}", 401, 40100, 403, 40300);
        send(b.token(), "POST", "/api/v1/auth/logout", null, Map.of(), Set.of(200, 204));
        expect("revoked token", b.token(), "GET", "/api/v1/me", null, 401, 40100);
        db.expireTokens(a.userId());
        forgetCachedToken(a.token());
        expect("expired token", a.token(), "GET", "/api/v1/me", null, 401, 40100);
        expect("expired token places", a.token(), "POST", "/api/v1/orders", Json.write(cart(a, shop.products.get(1), 1, "BALANCE")), 401, 40100);
    }

    /**
     * The rest of a natural expiry: the app keeps a resolved token in Redis at most until the
     * token's own expiry (RedisKeys.token: the SHA-256 hex digest), so when a lifetime runs out
     * that entry is gone too. Moving {@code expires_at} alone would test an out-of-band edit of
     * the table, which the cache may take up to five minutes to notice (by design).
     */
    private void forgetCachedToken(String token) throws IOException {
        RedisWire.callOnOwner(redisPort, "DEL", redisPrefix + ":token:" + Sha256.hex(token)); // on a Redis Cluster: its node
    }

    private void notifications(ProviderNotifications.Signed wechat, String alipayForm) throws IOException, InterruptedException {
        Map<String, String> headers = new HashMap<>(wechat.headers());
        String body = wechat.body();
        String wechatPath = "/api/v1/payments/wechat/notify";
        Map<String, String> forged = new HashMap<>(headers);
        forged.put("Wechatpay-Signature", java.util.Base64.getEncoder().encodeToString(new byte[256]));
        notify("forged WeChat signature", wechatPath, body, forged, Set.of(400, 401));
        String tamperedBody = body.replaceFirst("\"ciphertext\":\"(.)", "\"ciphertext\":\"" + (body.contains("\"ciphertext\":\"A") ? "B" : "A"));
        notify("tampered WeChat body", wechatPath, tamperedBody, headers, Set.of(400, 401));
        Map<String, String> stale = new HashMap<>(headers);
        stale.put("Wechatpay-Timestamp", String.valueOf(System.currentTimeMillis() / 1000 - 600));
        notify("stale WeChat timestamp", wechatPath, body, stale, Set.of(400, 401));
        Map<String, String> unknownSerial = new HashMap<>(headers);
        unknownSerial.put("Wechatpay-Serial", "0000FORGED");
        notify("unknown WeChat platform serial", wechatPath, body, unknownSerial, Set.of(400, 401));
        notify("WeChat without headers", wechatPath, body, Map.of("Content-Type", "application/json"), Set.of(400, 401));
        notify("replayed WeChat (acknowledged, no effect)", wechatPath, body, headers, Set.of(200, 204));

        String alipayPath = "/api/v1/payments/alipay/notify";
        String form = "application/x-www-form-urlencoded; charset=utf-8";
        alipay("tampered Alipay amount", alipayPath, alipayForm.replaceFirst("total_amount=[^&]*", "total_amount=0.01"), form);
        alipay("forged Alipay signature", alipayPath, alipayForm.replaceFirst("sign=[^&]*", "sign=" + "QUJD".repeat(86)), form);
        alipay("Alipay without signature", alipayPath, alipayForm.replaceFirst("&?sign=[^&]*", ""), form);
        alipay("Alipay injection in out_trade_no", alipayPath, alipayForm.replaceFirst("out_trade_no=[^&]*",
                "out_trade_no=" + URLEncoder.encode(INJECTIONS.getFirst(), StandardCharsets.UTF_8)), form);
        WireReply replay = exchange("POST", alipayPath, null, alipayForm, Map.of("Content-Type", form));
        findings.check(replay.status() == 200 && replay.text().trim().equals("success"), () -> "replayed Alipay: expected success, got " + replay);
    }

    private void notify(String what, String path, String body, Map<String, String> headers, Set<Integer> statuses)
            throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        WireReply reply = exchange("POST", path, null, body, all);
        findings.check(statuses.contains(reply.status()), () -> what + ": expected " + statuses + ", got " + reply);
    }

    private void alipay(String what, String path, String body, String contentType) throws IOException, InterruptedException {
        WireReply reply = exchange("POST", path, null, body, Map.of("Content-Type", contentType));
        findings.check(reply.text().trim().equals("failure"), () -> what + ": expected failure, got " + reply);
    }

    /**
     * Each injection string in each string the API takes where its rule refuses it (or it names
     * nothing that exists): usernames, the phone, paths, query parameters, enum and number fields,
     * headers. The strings free-text fields accept are {@link LiteralTexts}' part.
     */
    private void injections(FaultShop.Buyer a, long product) throws IOException, InterruptedException {
        for (String evil : INJECTIONS) {
            String shown = LiteralTexts.show(evil);
            String path = URLEncoder.encode(evil, StandardCharsets.UTF_8).replace("+", "%20");
            expectField("register as " + shown, "username", null, "POST", "/api/v1/auth/register",
                    Json.write(Map.of("username", evil, "password", "fault-pass-1")), 400, 40005);
            // No such user: 401 like any wrong password (or 400 when the name is not even valid).
            expect("log in as " + shown, null, "POST", "/api/v1/auth/login", Json.write(Map.of("username", evil, "password", evil)),
                    401, 40100, 400, 40005);
            expectField("address phone " + shown, "phone", a.token(), "POST", "/api/v1/me/addresses", Json.write(Map.of(
                    "recipient", "Wei", "phone", evil, "region", "Beijing", "detail", "2 Chang'an Ave")), 400, 40005);
            expect("delete address " + shown, a.token(), "DELETE", "/api/v1/me/addresses/" + path, null, 404, 40400, 400, 40005);
            expect("order number " + shown, a.token(), "GET", "/api/v1/orders/" + path, null, 404, 40400, 400, 40005);
            expect("pay order " + shown, a.token(), "POST", "/api/v1/orders/" + path + "/pay", "{\"method\":\"BALANCE\"}", 404, 40400, 400, 40005);
            expect("cancel order " + shown, a.token(), "POST", "/api/v1/orders/" + path + "/cancel", null, 404, 40400, 400, 40005);
            expect("product id " + shown, null, "GET", "/api/v1/products/" + path, null, 404, 40400, 400, 40005);
            expect("product cursor " + shown, null, "GET", "/api/v1/products?cursor=" + path, null, 400, 40005);
            expect("product limit " + shown, null, "GET", "/api/v1/products?limit=" + path, null, 400, 40005);
            expect("status filter " + shown, a.token(), "GET", "/api/v1/orders?status=" + path, null, 400, 40005);
            expect("cursor " + shown, a.token(), "GET", "/api/v1/orders?cursor=" + path, null, 400, 40005);
            expect("address cursor " + shown, a.token(), "GET", "/api/v1/me/addresses?cursor=" + path, null, 400, 40005);
            expectField("payment method " + shown, "paymentMethod", a.token(), "POST", "/api/v1/orders", Json.write(cart(a, product, 1, evil)), 400, 40005);
            expect("product id field " + shown, a.token(), "POST", "/api/v1/orders", Json.write(cart(a, evil, 1, "BALANCE")), 400, 40005);
            expect("quantity field " + shown, a.token(), "POST", "/api/v1/orders", Json.write(cart(a, product, evil, "BALANCE")), 400, 40005);
            expect("pay method " + shown, a.token(), "POST", "/api/v1/orders/X1/pay", Json.write(Map.of("method", evil)), 400, 40005, 404, 40400);
            expectWith("Idempotency-Key " + shown + " on a missing product", a.token(), "POST", "/api/v1/orders",
                    Json.write(cart(a, 9_999_999L, 1, "BALANCE")), Map.of("Idempotency-Key", headerSafe(evil)), 409, 40003, 400, 40005);
            requestIdNotEchoed(evil, product);
            expect("stock reason " + shown + " with an absurd delta", shop.adminToken, "POST", "/api/v1/admin/products/" + product + "/stock",
                    Json.write(Map.of("delta", -9_000_000_000_000L, "reason", evil)), 400, 40005, 409, 40002);
            expect("product patch " + shown + " with a negative price", shop.adminToken, "PATCH", "/api/v1/admin/products/" + product,
                    Json.write(Map.of("name", evil, "description", evil, "price", -1)), 400, 40005);
            expect("product path " + shown, shop.adminToken, "PATCH", "/api/v1/admin/products/" + path, Json.write(Map.of("name", "x")),
                    404, 40400, 400, 40005);
            expect("new product price " + shown, shop.adminToken, "POST", "/api/v1/admin/products",
                    Json.write(Map.of("name", evil, "description", evil, "price", evil, "stock", 1, "onSale", true)), 400, 40005);
            expect("top-up user " + shown, shop.adminToken, "POST", "/api/v1/admin/users/" + path + "/balance",
                    Json.write(Map.of("amount", 1, "reason", evil)), 404, 40400, 400, 40005);
            expect("payment channel " + shown, a.token(), "POST", "/api/v1/orders/" + path + "/payments",
                    Json.write(Map.of("channel", evil)), 400, 40005, 404, 40400);
            expect("admin order status " + shown, shop.adminToken, "GET", "/api/v1/admin/orders?status=" + path, null, 400, 40005);
            expect("admin order action " + shown, shop.adminToken, "POST", "/api/v1/admin/orders/" + path + "/ship", null, 404, 40400, 400, 40005);
        }
    }

    /** A client's X-Request-Id goes into logs and answers only when it is a plain token: these get a fresh one. */
    private void requestIdNotEchoed(String evil, long product) throws IOException, InterruptedException {
        String header = headerSafe(evil);
        WireReply reply = exchange("GET", "/api/v1/products/" + product, null, null, Map.of("X-Request-Id", header));
        String id = reply.header("X-Request-Id");
        findings.check(reply.status() == 200 && FRESH_REQUEST_ID.matcher(id).matches(), () ->
                "X-Request-Id " + LiteralTexts.show(header) + ": expected a fresh id back, got " + reply.status() + " with " + LiteralTexts.show(id));
    }

    /** Header values cannot carry control characters; the rest of the string goes as is. */
    private static String headerSafe(String value) {
        return value.chars().filter(c -> c >= 0x20 && c < 0x7f).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private void malformed(FaultShop.Buyer a, long product, String orderNo) throws IOException, InterruptedException {
        String orders = "/api/v1/orders";
        String huge = "{\"items\":[{\"productId\":" + product + ",\"quantity\":1}],\"addressId\":" + a.addressId()
                + ",\"paymentMethod\":\"BALANCE\",\"note\":\"" + "x".repeat(70 * 1024) + "\"}";
        expect("oversized body", a.token(), "POST", orders, huge, 400, 40005, 413, 40005);
        expect("oversized register", null, "POST", "/api/v1/auth/register", "{\"username\":\"" + "u".repeat(70 * 1024) + "\",\"password\":\"p\"}", 400, 40005, 413, 40005);
        expect("truncated JSON", a.token(), "POST", orders, "{\"items\":[", 400, 40005);
        expect("not JSON", a.token(), "POST", orders, "items=1", 400, 40005);
        expect("empty body", a.token(), "POST", orders, "", 400, 40005);
        expect("JSON array", a.token(), "POST", orders, "[1,2,3]", 400, 40005);
        expect("items of the wrong type", a.token(), "POST", orders, "{\"items\":\"many\",\"addressId\":1,\"paymentMethod\":\"BALANCE\"}", 400, 40005);
        expect("negative quantity", a.token(), "POST", orders, Json.write(cart(a, product, -1, "BALANCE")), 400, 40005);
        expect("zero quantity", a.token(), "POST", orders, Json.write(cart(a, product, 0, "BALANCE")), 400, 40005);
        expect("absurd quantity", a.token(), "POST", orders, Json.write(cart(a, product, new java.math.BigInteger("1000000000000000000000000000000"), "BALANCE")), 400, 40005);
        expect("fractional quantity", a.token(), "POST", orders, Json.write(cart(a, product, 1.5, "BALANCE")), 400, 40005);
        expect("no items", a.token(), "POST", orders, Json.write(Map.of("items", List.of(), "addressId", a.addressId(), "paymentMethod", "BALANCE")), 400, 40005);
        expect("51 lines", a.token(), "POST", orders, Json.write(Map.of("items", java.util.stream.LongStream.range(0, 51)
                .mapToObj(i -> Map.of("productId", i + 1, "quantity", 1)).toList(), "addressId", a.addressId(), "paymentMethod", "BALANCE")), 400, 40005);
        expect("deeply nested", a.token(), "POST", orders, "[".repeat(5000) + "]".repeat(5000), 400, 40005);
        expect("pay method of the wrong type", a.token(), "POST", orders + "/X/pay", "{\"method\":42}", 400, 40005, 404, 40400);
        expect("negative top-up", shop.adminToken, "POST", "/api/v1/admin/users/" + a.userId() + "/balance", "{\"amount\":-5,\"reason\":\"x\"}", 400, 40005);
        expect("absurd top-up", shop.adminToken, "POST", "/api/v1/admin/users/" + a.userId() + "/balance", "{\"amount\":1e300,\"reason\":\"x\"}", 400, 40005);
        expect("negative price", shop.adminToken, "POST", "/api/v1/admin/products",
                "{\"name\":\"n\",\"description\":\"d\",\"price\":-1,\"stock\":1,\"onSale\":true}", 400, 40005);
        expect("absurd stock", shop.adminToken, "POST", "/api/v1/admin/products",
                "{\"name\":\"n\",\"description\":\"d\",\"price\":1,\"stock\":99999999999999999999,\"onSale\":true}", 400, 40005);
        expect("payment start with an unknown scene", a.token(), "POST", orders + "/" + orderNo + "/payments", "{\"channel\":\"WECHAT\",\"scene\":\"TELEPATHY\"}", 400, 40005);
        expect("payment start with a channel of the wrong type", a.token(), "POST", orders + "/" + orderNo + "/payments", "{\"channel\":7,\"scene\":\"NATIVE\"}", 400, 40005);
    }

    private WireReply send(String token, String method, String path, String body, Map<String, String> headers, Set<Integer> statuses)
            throws IOException, InterruptedException {
        WireReply reply = exchange(method, path, token, body, headers);
        if (!statuses.contains(reply.status())) throw new IllegalStateException(method + " " + path + " answered " + reply);
        return reply;
    }

    private WireReply exchange(String method, String path, String token, String body, Map<String, String> headers) throws IOException {
        return http.send(WireRequest.of(method, path).withToken(token).withBody(body).withHeaders(headers).withTimeout(FaultShop.REQUEST_TIMEOUT));
    }

    private void expect(String what, String token, String method, String path, String body, int... statusAndCode)
            throws IOException, InterruptedException {
        check(what, null, token, method, path, body, Map.of(), statusAndCode);
    }

    /** As {@link #expect}, and a 400 must name {@code field} among its errors. */
    private void expectField(String what, String field, String token, String method, String path, String body, int... statusAndCode)
            throws IOException, InterruptedException {
        check(what, field, token, method, path, body, Map.of(), statusAndCode);
    }

    private void expectWith(String what, String token, String method, String path, String body, Map<String, String> headers,
                            int... statusAndCode) throws IOException, InterruptedException {
        check(what, null, token, method, path, body, headers, statusAndCode);
    }

    /**
     * {@code statusAndCode}: pairs of an accepted status and the DESIGN §10 code its body must
     * carry. Every such answer must be {@code application/problem+json} — also when Jetty refused
     * the request before any route (an encoded NUL in the path).
     */
    private void check(String what, String field, String token, String method, String path, String body, Map<String, String> headers,
                       int... statusAndCode) throws IOException, InterruptedException {
        WireReply reply;
        try {
            reply = exchange(method, path, token, body, headers);
        } catch (IllegalArgumentException e) {
            // The client refuses to send it at all (a request line or header that is not printable ASCII): nothing reached the server.
            findings.problem(what + ": the driver could not send it (" + e.getMessage() + ")");
            return;
        } catch (IOException e) {
            findings.problem(what + ": no answer (" + e + ")");
            return;
        }
        boolean matched = false;
        for (int i = 0; i < statusAndCode.length && !matched; i += 2) {
            matched = reply.status() == statusAndCode[i] && reply.code() == statusAndCode[i + 1];
        }
        if (!matched) {
            findings.problem(what + ": expected " + java.util.Arrays.toString(statusAndCode) + " (status, code), got " + reply);
            return;
        }
        findings.check(reply.header("Content-Type").startsWith("application/problem+json"), () ->
                what + ": expected application/problem+json, got " + reply.header("Content-Type") + ": " + reply);
        if (field != null && reply.status() == 400) {
            List<String> fields = reply.json().path("errors").findValuesAsText("field");
            findings.check(fields.contains(field), () -> what + ": expected the errors to name " + field + ", got " + reply);
        }
    }
}
