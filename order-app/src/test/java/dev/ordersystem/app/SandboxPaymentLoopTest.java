package dev.ordersystem.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.app.ApiClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment loop of DESIGN §13 over HTTP, on the whole server with {@code ORDER_SANDBOX=true}
 * (embedded store, the real wiring, the sandbox provider of the same server): for every scene,
 * place → start payment → the buyer pays at the cashier → the notification makes the order PAID;
 * a lost notification found by the poll; an open trade closed and the order cancelled at the
 * deadline (the cashier then refuses); a payment in the last second found by the expiry's query;
 * a switch of channel closing the first trade; a provider that is down; bad input that reaches
 * no provider. The §7 audit is clean after each.
 */
class SandboxPaymentLoopTest {
    @TempDir
    Path dataDir;

    private SandboxShop shop;
    private ApiClient api;
    private String buyer;
    private long product;

    private void start(String paymentTimeout) {
        shop = SandboxShop.start(dataDir, Map.of("ORDER_PAYMENT_TIMEOUT", paymentTimeout));
        api = shop.api;
        buyer = shop.buyer;
        product = shop.product;
    }

    @AfterEach
    void stop() {
        if (shop != null) shop.close();
    }

    private String place(String token, String method) {
        Reply placed = api.post("/api/v1/orders", token, Map.of("items", List.of(Map.of("productId", product, "quantity", 1)),
                "paymentMethod", method), Map.of("Idempotency-Key", "loop-" + System.nanoTime()));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed.json().get("orderNo").asText();
    }

    private Reply startPayment(String orderNo, Map<String, Object> body) {
        return api.post("/api/v1/orders/" + orderNo + "/payments", buyer, body);
    }

    private JsonNode started(String orderNo, String channel, String scene) {
        Map<String, Object> body = new HashMap<>(Map.of("channel", channel, "scene", scene));
        if (scene.equals("JSAPI")) body.put("openId", "o-loop-openid");
        if (scene.equals("H5")) body.put("clientIp", "203.0.113.20");
        Reply reply = startPayment(orderNo, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonNode payment = reply.json();
        assertThat(payment.get("orderNo").asText()).isEqualTo(orderNo);
        assertThat(payment.get("scene").asText()).isEqualTo(scene);
        assertThat(payment.get("outTradeNo").asText()).startsWith(orderNo + "_");
        return payment;
    }

    private String status(String orderNo) {
        Reply order = api.get("/api/v1/orders/" + orderNo, buyer);
        assertThat(order.status()).as(order.toString()).isEqualTo(200);
        return order.json().get("status").asText();
    }

    /** The buyer opens what the shop handed out (an Alipay pay page exists at the provider once opened). */
    private void buyerOpens(JsonNode payment) {
        if (payment.hasNonNull("payUrl")) {
            HttpResponse<String> opened = shop.browser("GET", payment.get("payUrl").asText(), null);
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(302);
        }
    }

    /** The buyer opens what the shop handed out and presses Pay (or Pay wrong amount). */
    private HttpResponse<String> buyerPays(JsonNode payment, String amount) {
        buyerOpens(payment);
        return payAtCashier(payment, amount);
    }

    private HttpResponse<String> payAtCashier(JsonNode payment, String amount) {
        String channel = payment.get("channel").asText();
        return shop.browser("POST", "/sandbox/cashier/" + payment.get("outTradeNo").asText() + "/pay", "channel=" + channel + "&amount=" + amount);
    }

    private int sandboxTrades() {
        return shop.sandbox("{}").get("trades").asInt();
    }

    @Test
    void everySceneIsPaidAtTheCashierAndTheNotificationMakesTheOrderPaid() throws Exception {
        start("PT30M");
        for (String[] scene : new String[][]{{"WECHAT", "NATIVE"}, {"WECHAT", "JSAPI"}, {"WECHAT", "H5"},
                {"ALIPAY", "QR"}, {"ALIPAY", "PAGE"}, {"ALIPAY", "WAP"}}) {
            String orderNo = place(buyer, scene[0]);
            JsonNode payment = started(orderNo, scene[0], scene[1]);
            String field = switch (scene[1]) {
                case "NATIVE" -> "codeUrl";
                case "JSAPI" -> "prepayId";
                case "H5" -> "h5Url";
                case "QR" -> "qrCode";
                default -> "payUrl";
            };
            assertThat(payment.path(field).asText()).as("%s answers %s: %s", scene[1], field, payment).isNotBlank();
            buyerOpens(payment);
            int trades = sandboxTrades();
            HttpResponse<String> paid = payAtCashier(payment, "exact");
            assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
            assertThat(SandboxShop.JSON.readTree(paid.body()).path("notification").path("status").asInt()).as(paid.body()).isIn(200, 204);
            assertThat(status(orderNo)).isEqualTo("PAID");
            assertThat(sandboxTrades()).as("paying opens no trade").isEqualTo(trades);
        }
        shop.auditClean();
    }

    @Test
    void aRepeatedStartAnswersTheSameTradeWithoutASecondProviderCall() {
        start("PT30M");
        String orderNo = place(buyer, "WECHAT");
        JsonNode first = started(orderNo, "WECHAT", "NATIVE");
        int trades = sandboxTrades();
        JsonNode again = started(orderNo, "WECHAT", "NATIVE");
        assertThat(again.get("outTradeNo")).isEqualTo(first.get("outTradeNo"));
        assertThat(again.get("codeUrl")).isEqualTo(first.get("codeUrl"));
        assertThat(sandboxTrades()).isEqualTo(trades);
        shop.auditClean();
    }

    @Test
    void aLostNotificationIsFoundByThePoll() throws Exception {
        start("PT30M");
        shop.sandbox("{\"withholdNotifications\":true}");
        String orderNo = place(buyer, "ALIPAY");
        JsonNode payment = started(orderNo, "ALIPAY", "QR");
        assertThat(buyerPays(payment, "exact").body()).contains("withheld");
        assertThat(status(orderNo)).isEqualTo("PENDING_PAYMENT");
        AtomicReference<Reply> found = new AtomicReference<>();
        shop.eventually("the poll finds the payment", () -> {
            Reply poll = api.get("/api/v1/orders/" + orderNo + "/payment", buyer);
            assertThat(poll.status()).as(poll.toString()).isEqualTo(200);
            found.set(poll);
            return poll.json().path("status").asText().equals("PAID");
        });
        JsonNode poll = found.get().json();
        assertThat(poll.get("outTradeNo").asText()).isEqualTo(payment.get("outTradeNo").asText());
        assertThat(poll.get("tradeState").asText()).as(poll.toString()).isEqualTo("PAID");
        JsonNode later = api.get("/api/v1/orders/" + orderNo + "/payment", buyer).json();
        assertThat(later.get("providerState").asText()).as("the provider's word is kept: " + later).isEqualTo("TRADE_SUCCESS");
        assertThat(later.hasNonNull("checkedAt")).as(later.toString()).isTrue();
        assertThat(status(orderNo)).isEqualTo("PAID");
        shop.auditClean();
    }

    @Test
    void switchingChannelClosesTheFirstTrade() {
        start("PT30M");
        String orderNo = place(buyer, "WECHAT");
        JsonNode wechat = started(orderNo, "WECHAT", "NATIVE");
        JsonNode alipay = started(orderNo, "ALIPAY", "QR");
        assertThat(alipay.get("outTradeNo").asText()).isNotEqualTo(wechat.get("outTradeNo").asText());
        HttpResponse<String> first = buyerPays(wechat, "exact");
        assertThat(first.statusCode()).as("the first trade is closed: " + first.body()).isEqualTo(409);
        assertThat(buyerPays(alipay, "exact").statusCode()).isEqualTo(200);
        assertThat(status(orderNo)).isEqualTo("PAID");
        shop.auditClean();
    }

    @Test
    void atTheDeadlineAnOpenTradeIsClosedAndTheOrderCancelledAndTheCashierRefusesAfterwards() throws Exception {
        start("PT3S");
        String orderNo = place(buyer, "WECHAT");
        JsonNode payment = started(orderNo, "WECHAT", "NATIVE");
        shop.eventually("the order is cancelled at its deadline", () -> status(orderNo).equals("CANCELLED"));
        HttpResponse<String> late = buyerPays(payment, "exact");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).containsAnyOf("closed", "time_expire");
        shop.auditClean();
    }

    @Test
    void paidInTheLastSecondWithTheNotificationLostTheExpiryQueryMakesTheOrderPaid() throws Exception {
        start("PT4S");
        shop.sandbox("{\"withholdNotifications\":true}");
        String orderNo = place(buyer, "ALIPAY");
        JsonNode payment = started(orderNo, "ALIPAY", "QR");
        assertThat(buyerPays(payment, "exact").statusCode()).isEqualTo(200);
        shop.eventually("the expiry decides the order", () -> !status(orderNo).equals("PENDING_PAYMENT"));
        assertThat(status(orderNo)).isEqualTo("PAID");
        shop.auditClean();
    }

    @Test
    void aProviderThatIsDownGetsAClearProblemAtTheStartAndTheExpiryStillCancels() throws Exception {
        start("PT5S");
        String orderNo = place(buyer, "WECHAT");
        for (String outage : List.of("SERVER_ERROR", "BAD_SIGNATURE", "DROP", "TIMEOUT")) {
            shop.sandbox("{\"outage\":\"" + outage + "\"}");
            Reply refused = startPayment(orderNo, Map.of("channel", "WECHAT", "scene", "NATIVE"));
            assertThat(refused.status()).as(outage + ": " + refused).isIn(502, 503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("code").asInt()).isIn(50200, 50300);
        }
        Reply nothing = api.get("/api/v1/orders/" + orderNo + "/payment", buyer);
        assertThat(nothing.text()).doesNotContain("codeUrl");
        shop.eventually("the order is cancelled at its deadline with the provider down", () -> status(orderNo).equals("CANCELLED"));
        shop.sandbox("{\"outage\":\"NONE\"}");
        shop.auditClean();
    }

    @Test
    void badInputGetsTheDesignsCodesAndReachesNoProvider() {
        start("PT30M");
        String orderNo = place(buyer, "WECHAT");
        int trades = sandboxTrades();
        Predicate<Reply> validation = r -> r.status() == 400 && r.code() == 40005;
        assertThat(startPayment(orderNo, Map.of("channel", "WECHAT", "scene", "SCAN"))).matches(validation);
        assertThat(startPayment(orderNo, Map.of("channel", "WECHAT", "scene", "JSAPI"))).matches(validation);
        assertThat(startPayment(orderNo, Map.of("channel", "WECHAT", "scene", "H5"))).matches(validation);
        assertThat(startPayment(orderNo, Map.of("channel", "ALIPAY", "scene", "NATIVE"))).matches(validation);

        Reply registered = api.post("/api/v1/auth/register", null, Map.of("username", "other" + System.nanoTime() % 100000, "password", "other-password-1"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String other = shop.login(registered.json().get("username").asText(), "other-password-1");
        Reply foreign = api.post("/api/v1/orders/" + orderNo + "/payments", other, Map.of("channel", "WECHAT", "scene", "NATIVE"));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo(40400);

        String paid = place(buyer, "BALANCE");
        Reply notPending = startPayment(paid, Map.of("channel", "WECHAT", "scene", "NATIVE"));
        assertThat(notPending.status()).isEqualTo(409);
        assertThat(notPending.code()).isEqualTo(40004);

        assertThat(sandboxTrades()).as("no provider call").isEqualTo(trades);
        assertThat(api.get("/api/v1/orders/" + orderNo + "/payment", buyer).text()).doesNotContain("outTradeNo\":\"" + orderNo);
        shop.auditClean();
    }
}
