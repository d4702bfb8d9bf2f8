package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.core.contract.ScriptedProvider;
import dev.ordersystem.core.domain.ErrorCode;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.TestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problems a shop's page can show as they are (DESIGN §10): every invalid field of a request at
 * once, a detail that is a sentence (never a Java {@code toString}), the members a page acts on,
 * and the texts in English or Simplified Chinese by {@code Accept-Language}, the code unchanged.
 */
class ReadableProblemsTest {
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Map<String, String> CHINESE = Map.of("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8");
    private static final Map<String, String> ENGLISH = Map.of("Accept-Language", "en-US,en;q=0.9");

    private final TestServer server = TestServer.start();
    private final ShopSteps shop = new ShopSteps(server);

    @AfterEach
    void stop() {
        server.close();
    }

    /** What a page must be able to show: no Java rendering of records, exceptions or collections. */
    static void assertReadable(Reply reply) {
        JsonNode body = reply.json();
        List<String> texts = new ArrayList<>(List.of(body.path("title").asText(), body.path("detail").asText()));
        body.path("errors").forEach(e -> texts.add(e.path("message").asText()));
        for (String text : texts) {
            assertThat(text).as(reply.toString()).isNotBlank()
                    .doesNotContain("FieldError", "Exception", "FieldFault", "{", "}", "=", "[]", "dev.ordersystem");
        }
    }

    @Test
    void anEmptyCartWithAnUnknownPaymentMethodReportsBoth() {
        Buyer buyer = shop.buyer();
        Reply reply = server.post("/api/v1/orders", buyer.token(), Map.of("items", List.of(), "paymentMethod", "BITCOIN"));
        ErrorCodesTest.assertProblem(reply, 400, 40005);
        assertReadable(reply);
        assertThat(reply.json().get("errors").findValuesAsText("field")).containsExactly("items", "paymentMethod");
        assertThat(reply.json().get("errors").findValuesAsText("message"))
                .containsExactly("must hold 1..50 lines", "must be one of BALANCE, WECHAT, ALIPAY");
        assertThat(reply.json().get("detail").asText())
                .isEqualTo("Some fields are not valid: items, paymentMethod. Each is explained under errors.");
    }

    @Test
    void everyInvalidFieldOfACartIsListedAtOnceWithItsPath() {
        long tea = shop.product("Oolong", 1_000, 10);
        Buyer buyer = shop.buyer();
        Map<String, Object> cart = new HashMap<>(Map.of(
                "items", List.of(Map.of("productId", tea, "quantity", 1), Map.of("productId", tea, "quantity", 0)),
                "addressId", 0, "paymentMethod", "CASH"));
        Reply reply = server.post("/api/v1/orders", buyer.token(), cart, ENGLISH);
        ErrorCodesTest.assertProblem(reply, 400, 40005);
        assertReadable(reply);
        assertThat(reply.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("paymentMethod", "addressId", "items[1].quantity");

        Reply chinese = server.post("/api/v1/orders", buyer.token(), cart, CHINESE);
        assertThat(chinese.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrderElementsOf(reply.json().get("errors").findValuesAsText("field"));
        assertThat(chinese.json().get("errors").findValuesAsText("message"))
                .contains("须在 1 到 999 之间", "须为正整数编号", "须为以下之一：BALANCE, WECHAT, ALIPAY");
        assertThat(chinese.json().get("detail").asText()).startsWith("以下字段无效：").contains("items[1].quantity");
        assertThat(shop.available(tea)).isEqualTo(10);
    }

    @Test
    void wrongTypesNullsAndMissingFieldsAcrossTheBodyAreAllListed() {
        Buyer buyer = shop.buyer();
        String body = "{\"items\":[{\"productId\":\"seven\",\"quantity\":1.5},{\"productId\":2},null],"
                + "\"addressId\":null,\"paymentMethod\":5}";
        Reply reply = server.send("POST", "/api/v1/orders", buyer.token(), "application/json", body, Map.of());
        ErrorCodesTest.assertProblem(reply, 400, 40005);
        assertReadable(reply);
        Map<String, String> messages = new LinkedHashMap<>();
        reply.json().get("errors").forEach(e -> messages.put(e.get("field").asText(), e.get("message").asText()));
        assertThat(messages).containsOnly(
                Map.entry("items[2]", "must not be null"),
                Map.entry("addressId", "must not be null"),
                Map.entry("items[0].productId", "must be an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE),
                Map.entry("items[0].quantity", "must be an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE),
                Map.entry("paymentMethod", "must be a string"),
                Map.entry("items[1].quantity", "is required"));
    }

    @Test
    void aCartsJsonFaultsAndTheRulesFaultsOfItsOtherFieldsComeInOneAnswerInEitherLanguage() {
        long tea = shop.product("Pu-erh", 1_000, 10);
        Buyer buyer = shop.buyer();
        String body = "{\"items\":[{\"productId\":\"seven\",\"quantity\":0},{\"productId\":" + tea + ",\"quantity\":null}],"
                + "\"addressId\":0,\"paymentMethod\":\"BITCOIN\"}";
        Map<String, String> badKey = Map.of("Idempotency-Key", "has spaces");

        Reply en = server.send("POST", "/api/v1/orders", buyer.token(), "application/json", body, with(ENGLISH, badKey));
        Reply zh = server.send("POST", "/api/v1/orders", buyer.token(), "application/json", body, with(CHINESE, badKey));

        ErrorCodesTest.assertProblem(en, 400, 40005);
        ErrorCodesTest.assertProblem(zh, 400, 40005);
        assertReadable(en);
        assertReadable(zh);
        assertThat(messages(en)).containsExactly( // the JSON's faults first, then the cart's on what bound
                Map.entry("items[1].quantity", "must not be null"),
                Map.entry("items[0].productId", "must be an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE),
                Map.entry("paymentMethod", "must be one of BALANCE, WECHAT, ALIPAY"),
                Map.entry("addressId", "must be a positive id"),
                Map.entry("Idempotency-Key", "must be 1..64 visible ASCII characters"),
                Map.entry("items[0].quantity", "must be 1..999"));
        assertThat(messages(zh)).containsExactly(
                Map.entry("items[1].quantity", "不能为 null"),
                Map.entry("items[0].productId", "须为 " + Long.MIN_VALUE + " 到 " + Long.MAX_VALUE + " 之间的整数"),
                Map.entry("paymentMethod", "须为以下之一：BALANCE, WECHAT, ALIPAY"),
                Map.entry("addressId", "须为正整数编号"),
                Map.entry("Idempotency-Key", "须为 1 到 64 个可见 ASCII 字符"),
                Map.entry("items[0].quantity", "须在 1 到 999 之间"));
        assertThat(zh.json().get("detail").asText()).isEqualTo(
                "以下字段无效：items[1].quantity、items[0].productId、paymentMethod、addressId、Idempotency-Key、items[0].quantity。详见 errors。");
        assertThat(shop.available(tea)).isEqualTo(10);
        assertThat(server.get("/api/v1/orders", buyer.token()).json().get("items")).isEmpty();
    }

    /** Every route whose body the core's rules check: one answer names the JSON's faults and the rules'. */
    @Test
    void everyRouteWithRulesListsItsBodysJsonAndRuleFaultsInOneAnswer() {
        long tea = shop.product("Sencha", 1_000, 10);
        Buyer buyer = shop.buyer();
        shop.topUp(buyer.userId(), 5_000);
        String paid = shop.placed(buyer, tea, 1, "BALANCE").get("orderNo").asText();
        String pending = shop.placed(buyer, tea, 2, "WECHAT").get("orderNo").asText();
        record Case(String path, String token, String method, String body, Map<String, String> headers, List<String> fields) {
        }
        List<Case> cases = List.of(
                new Case("/api/v1/auth/register", null, "POST", "{\"username\":5,\"password\":\"short\"}", Map.of(),
                        List.of("username", "password")),
                new Case("/api/v1/me/addresses", buyer.token(), "POST",
                        "{\"recipient\":7,\"phone\":\"call me\",\"region\":\"\",\"detail\":\"1 Tea Road\",\"postalCode\":\"?\"}", Map.of(),
                        List.of("recipient", "phone", "region", "postalCode")),
                new Case("/api/v1/admin/products", TestServer.ADMIN, "POST",
                        "{\"name\":\"\",\"price\":\"ten\",\"stock\":-1}", Map.of(), List.of("price", "name", "stock")),
                new Case("/api/v1/admin/products/" + tea, TestServer.ADMIN, "PATCH",
                        "{\"price\":true,\"name\":\"\"}", Map.of(), List.of("price", "name")),
                new Case("/api/v1/admin/products/" + tea + "/stock", TestServer.ADMIN, "POST",
                        "{\"delta\":\"many\",\"reason\":\"\"}", Map.of(), List.of("delta", "reason")),
                new Case("/api/v1/admin/users/" + buyer.userId() + "/balance", TestServer.ADMIN, "POST",
                        "{\"amount\":[1],\"reason\":\"\"}", Map.of(), List.of("amount", "reason")),
                new Case("/api/v1/admin/orders/" + paid + "/ship", TestServer.ADMIN, "POST",
                        "{\"carrier\":5,\"trackingNumber\":\"SF 12\"}", Map.of(), List.of("carrier", "trackingNumber")),
                new Case("/api/v1/orders/" + pending + "/pay", buyer.token(), "POST",
                        "{\"method\":\"PAYPAL\"}", Map.of("Idempotency-Key", "has spaces"), List.of("method", "Idempotency-Key")),
                new Case("/api/v1/orders/" + pending + "/pay", buyer.token(), "POST",
                        "{\"method\":\"WECHAT\",\"extra\":null}", Map.of(), List.of("extra", "method")));

        for (Case c : cases) {
            Reply en = server.send(c.method(), c.path(), c.token(), "application/json", c.body(), with(ENGLISH, c.headers()));
            Reply zh = server.send(c.method(), c.path(), c.token(), "application/json", c.body(), with(CHINESE, c.headers()));
            ErrorCodesTest.assertProblem(en, 400, 40005);
            ErrorCodesTest.assertProblem(zh, 400, 40005);
            assertThat(en.json().get("errors").findValuesAsText("field")).as(c.path()).containsExactlyElementsOf(c.fields());
            assertThat(zh.json().get("errors").findValuesAsText("field")).as(c.path()).containsExactlyElementsOf(c.fields());
            zh.json().get("errors").forEach(e -> assertThat(HAN.matcher(e.get("message").asText()).find()).as(zh.toString()).isTrue());
            en.json().get("errors").forEach(e -> assertThat(HAN.matcher(e.get("message").asText()).find()).as(en.toString()).isFalse());
        }
        // Nothing written by any of them.
        assertThat(shop.available(tea)).isEqualTo(7);
        assertThat(shop.balance(buyer)).isEqualTo(4_000);
        assertThat(server.get("/api/v1/me/addresses", buyer.token()).json().get("items")).hasSize(1);
        assertThat(server.get("/api/v1/products/" + tea, null).json().get("price").asLong()).isEqualTo(1_000);
        assertThat(server.get("/api/v1/orders/" + paid, buyer.token()).json().get("status").asText()).isEqualTo("PAID");
        assertThat(server.get("/api/v1/orders/" + pending, buyer.token()).json().get("status").asText()).isEqualTo("PENDING_PAYMENT");
    }

    private static Map<String, String> messages(Reply reply) {
        Map<String, String> messages = new LinkedHashMap<>();
        reply.json().get("errors").forEach(e -> messages.put(e.get("field").asText(), e.get("message").asText()));
        return messages;
    }

    @Test
    void insufficientStockNamesTheProductAndSaysWhatIsLeft() {
        long tea = shop.product("白毫银针", 100, 2);
        Buyer buyer = shop.buyer();
        Map<String, Object> cart = Map.of("items", List.of(Map.of("productId", tea, "quantity", 3)),
                "addressId", buyer.addressId(), "paymentMethod", "WECHAT");
        Reply chinese = server.post("/api/v1/orders", buyer.token(), cart, CHINESE);
        ErrorCodesTest.assertProblem(chinese, 409, 40002);
        assertThat(chinese.json().get("title").asText()).isEqualTo("库存不足");
        assertThat(chinese.json().get("detail").asText()).isEqualTo("商品【白毫银针】库存不足，仅剩 2 件。");
        assertThat(chinese.json().get("productId").asLong()).isEqualTo(tea);
        assertThat(chinese.json().get("available").asLong()).isEqualTo(2);

        Reply english = server.post("/api/v1/orders", buyer.token(), cart);
        assertThat(english.json().get("detail").asText()).isEqualTo("Not enough stock of 白毫银针: 2 left.");
        assertThat(english.json().get("available").asLong()).isEqualTo(2);
    }

    @Test
    void insufficientBalanceSaysWhatIsNeededAndWhatThereIsInMinorUnits() {
        long tea = shop.product("Pu-erh", 9_900, 5);
        Buyer buyer = shop.buyer();
        shop.topUp(buyer.userId(), 1_250);
        Map<String, Object> cart = Map.of("items", List.of(Map.of("productId", tea, "quantity", 1)),
                "addressId", buyer.addressId(), "paymentMethod", "BALANCE");
        Reply chinese = server.post("/api/v1/orders", buyer.token(), cart, CHINESE);
        ErrorCodesTest.assertProblem(chinese, 409, 40001);
        assertThat(chinese.json().get("needed").asLong()).isEqualTo(9_900);
        assertThat(chinese.json().get("balance").asLong()).isEqualTo(1_250);
        assertThat(chinese.json().get("detail").asText()).isEqualTo("用户余额不足：需支付 99.00 CNY，当前余额 12.50 CNY。");
        Reply english = server.post("/api/v1/orders", buyer.token(), cart, ENGLISH);
        assertThat(english.json().get("detail").asText()).isEqualTo("Your balance of 12.50 CNY does not cover the 99.00 CNY to pay.");
        assertThat(english.json().has("productId")).isFalse();
    }

    @Test
    void rateLimitedSaysWhenToTryAgain() {
        try (TestServer limited = TestServer.builder().settings(HttpSettings.defaults(TestServer.ADMIN)
                .withLoginPerUsername(AttemptLimit.parse(HttpSettings.LOGIN_PER_USERNAME, "1/2m"))).start()) {
            String wrong = TestServer.write(Map.of("username", "victim", "password", "guess-guess"));
            limited.send("POST", "/api/v1/auth/login", null, "application/json", wrong, Map.of());
            Reply refused = limited.send("POST", "/api/v1/auth/login", null, "application/json", wrong, CHINESE);
            ErrorCodesTest.assertProblem(refused, 429, 42900);
            long seconds = refused.json().get("retryAfterSeconds").asLong();
            assertThat(seconds).isBetween(1L, 120L).isEqualTo(Long.parseLong(refused.header("Retry-After")));
            assertThat(refused.json().get("detail").asText()).isEqualTo("尝试次数过多，请 " + seconds + " 秒后再试。");
        }
    }

    /** Every code of DESIGN §10 from its real cause, asked in both languages. */
    @Test
    void everyCodeAnswersInChineseOrEnglishByAcceptLanguage() {
        long tea = shop.product("Black tea", 100, 5);
        long offSale = shop.product("Seasonal tea", 100, 5);
        server.patch("/api/v1/admin/products/" + offSale, TestServer.ADMIN, Map.of("onSale", false));
        Buyer buyer = shop.buyer();
        String pending = shop.placed(buyer, tea, 1, "WECHAT").get("orderNo").asText();
        Map<String, Object> otherCart = Map.of("items", List.of(Map.of("productId", tea, "quantity", 2)),
                "addressId", buyer.addressId(), "paymentMethod", "WECHAT");
        server.post("/api/v1/orders", buyer.token(), Map.of("items", List.of(Map.of("productId", tea, "quantity", 1)),
                "addressId", buyer.addressId(), "paymentMethod", "WECHAT"), Map.of("Idempotency-Key", "once"));

        Map<ErrorCode, Function<Map<String, String>, Reply>> causes = new LinkedHashMap<>();
        causes.put(ErrorCode.INSUFFICIENT_BALANCE, h -> post("/api/v1/orders", buyer.token(), cart(buyer, tea, 1, "BALANCE"), h));
        causes.put(ErrorCode.INSUFFICIENT_STOCK, h -> post("/api/v1/orders", buyer.token(), cart(buyer, tea, 50, "WECHAT"), h));
        causes.put(ErrorCode.PRODUCT_UNAVAILABLE, h -> post("/api/v1/orders", buyer.token(), cart(buyer, offSale, 1, "WECHAT"), h));
        causes.put(ErrorCode.TRANSITION_NOT_ALLOWED, h -> post("/api/v1/admin/orders/" + pending + "/ship", TestServer.ADMIN,
                Map.of("carrier", "SF", "trackingNumber", "SF1"), h));
        causes.put(ErrorCode.VALIDATION_FAILED, h -> post("/api/v1/orders", buyer.token(), cart(buyer, tea, 0, "WECHAT"), h));
        causes.put(ErrorCode.DUPLICATE_SUBMISSION, h -> post("/api/v1/orders", buyer.token(), otherCart, with(h, "Idempotency-Key", "once")));
        causes.put(ErrorCode.USERNAME_TAKEN, h -> post("/api/v1/auth/register", null,
                Map.of("username", buyer.username(), "password", "another-pass"), h));
        Buyer refunded = shop.buyer(); // another buyer: the same cart twice within 5 s is a duplicate submission
        shop.topUp(refunded.userId(), 100);
        String paid = shop.placed(refunded, tea, 1, "BALANCE").get("orderNo").asText();
        causes.put(ErrorCode.REFUND_EXCEEDS_PAID, h -> post("/api/v1/admin/orders/" + paid + "/refund", TestServer.ADMIN,
                Map.of("amount", 101), h));
        causes.put(ErrorCode.NOT_AUTHENTICATED, h -> server.send("GET", "/api/v1/me", null, null, null, h));
        causes.put(ErrorCode.FORBIDDEN, h -> server.send("GET", "/api/v1/admin/audit", buyer.token(), null, null, h));
        causes.put(ErrorCode.NOT_FOUND, h -> server.send("GET", "/api/v1/products/424242", null, null, null, h));
        try (TestServer limited = TestServer.builder().settings(HttpSettings.defaults(TestServer.ADMIN)
                .withLoginPerUsername(AttemptLimit.parse(HttpSettings.LOGIN_PER_USERNAME, "1/2m"))).start();
             TestServer broken = TestServer.builder().storage(ErrorCodesTest::brokenCatalogue).start();
             TestServer disconnected = TestServer.builder().storage(s -> ErrorCodesTest.brokenCatalogue(s, () ->
                     new IllegalStateException("SQL [select …]", new java.sql.SQLNonTransientConnectionException("gone", "08000")))).start();
             TestServer untrusted = TestServer.builder().provider(untrustedProvider()).start()) {
            String wrong = TestServer.write(Map.of("username", "victim", "password", "guess-guess"));
            limited.send("POST", "/api/v1/auth/login", null, "application/json", wrong, Map.of());
            causes.put(ErrorCode.RATE_LIMITED, h -> limited.send("POST", "/api/v1/auth/login", null, "application/json", wrong, h));
            causes.put(ErrorCode.UNEXPECTED, h -> broken.send("GET", "/api/v1/products", null, null, null, h));
            causes.put(ErrorCode.DEPENDENCY_DOWN, h -> disconnected.send("GET", "/api/v1/products", null, null, null, h));
            ShopSteps payingShop = new ShopSteps(untrusted);
            Buyer payer = payingShop.buyer();
            String unpaid = payingShop.placed(payer, payingShop.product("Oolong", 100, 5), 1, "WECHAT").get("orderNo").asText();
            causes.put(ErrorCode.PAYMENT_PROVIDER_FAILED, h -> untrusted.send("POST", "/api/v1/orders/" + unpaid + "/payments",
                    payer.token(), "application/json", "{\"channel\":\"WECHAT\",\"scene\":\"NATIVE\"}", h));
            assertThat(causes.keySet()).containsExactlyInAnyOrder(ErrorCode.values());

            for (Map.Entry<ErrorCode, Function<Map<String, String>, Reply>> cause : causes.entrySet()) {
                int code = cause.getKey().number();
                Reply zh = cause.getValue().apply(CHINESE);
                Reply en = cause.getValue().apply(ENGLISH);
                Reply none = cause.getValue().apply(Map.of());
                for (Reply reply : List.of(zh, en, none)) {
                    assertThat(reply.code()).as(reply.toString()).isEqualTo(code);
                    assertReadable(reply);
                }
                assertThat(zh.header("Content-Language")).as(zh.toString()).isEqualTo("zh-CN");
                assertThat(en.header("Content-Language")).isEqualTo("en");
                assertThat(none.header("Content-Language")).isEqualTo("en");
                assertThat(zh.headerValues("Vary")).contains("Accept-Language");
                assertThat(zh.status()).isEqualTo(en.status());
                assertThat(HAN.matcher(zh.json().get("title").asText() + zh.json().get("detail").asText()).results().count())
                        .as(zh.toString()).isGreaterThanOrEqualTo(4);
                for (Reply english : List.of(en, none)) {
                    assertThat(HAN.matcher(english.json().get("title").asText() + english.json().get("detail").asText()).find())
                            .as(english.toString()).isFalse();
                }
                assertThat(none.json().get("title")).isEqualTo(en.json().get("title"));
            }
        }
    }

    @Test
    void theHttpServersOwnRefusalsSpeakChineseToo() {
        Reply reply = server.send("GET", "/api/v1/products/%FF", null, null, null, CHINESE); // invalid UTF-8: Jetty kept the headers
        ErrorCodesTest.assertProblem(reply, 400, 40005);
        assertReadable(reply);
        assertThat(reply.header("Content-Language")).isEqualTo("zh-CN");
        assertThat(reply.json().get("errors").get(0).get("message").asText()).isEqualTo("在到达 API 之前被 HTTP 服务器拒绝");
        Reply noRoute = server.send("GET", "/api/v1/nowhere", null, null, null, Map.of("Accept-Language", "zh"));
        assertThat(noRoute.json().get("title").asText()).isEqualTo("未找到");
    }

    private Reply post(String path, String token, Object body, Map<String, String> headers) {
        return server.send("POST", path, token, "application/json", TestServer.write(body), headers);
    }

    private static Map<String, Object> cart(Buyer buyer, long productId, int quantity, String method) {
        return Map.of("items", List.of(Map.of("productId", productId, "quantity", quantity)),
                "addressId", buyer.addressId(), "paymentMethod", method);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new HashMap<>(headers);
        all.put(name, value);
        return all;
    }

    private static Map<String, String> with(Map<String, String> headers, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(headers);
        all.putAll(more);
        return all;
    }

    /** A payment provider whose every answer fails its signature check (502/50200). */
    private static ScriptedProvider untrustedProvider() {
        ScriptedProvider provider = new ScriptedProvider(Set.of(PaymentChannel.WECHAT), Clock.systemUTC(), () -> false);
        provider.down(new ProviderFailure.BadSignature("Wechatpay-Signature does not verify"));
        return provider;
    }
}
