package dev.ordersystem.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.app.ApiClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refunds of DESIGN §14 over HTTP, on the whole server with {@code ORDER_SANDBOX=true} (embedded
 * store, the real wiring and refund job, the sandbox provider of the same server playing WeChat
 * Pay and Alipay): partial and whole refunds through both providers, a refund whose answer was
 * lost after the provider made it (refunded once), a refund the provider refuses, admins racing,
 * too much asked, late payments refunded by the job (and not in manual mode), a forged refund
 * notification. The §7 audit is clean after each.
 */
class SandboxRefundLoopTest {
    @TempDir
    Path dataDir;

    private SandboxShop shop;
    private ApiClient api;
    private String buyer;
    private String admin;
    private long product;

    private void start(String latePayments) {
        shop = SandboxShop.start(dataDir, Map.of("ORDER_LATE_PAYMENT_REFUND", latePayments));
        api = shop.api;
        buyer = shop.buyer;
        admin = shop.admin;
        product = shop.product;
    }

    @AfterEach
    void stop() {
        if (shop != null) shop.close();
    }

    /** An order of {@code units} units paid at the sandbox cashier through {@code channel}. */
    private JsonNode paidOrder(String channel, int units) {
        Reply placed = api.post("/api/v1/orders", buyer, Map.of("items", List.of(Map.of("productId", product, "quantity", units)),
                "paymentMethod", channel), Map.of("Idempotency-Key", "refund-" + System.nanoTime()));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String orderNo = placed.json().get("orderNo").asText();
        JsonNode payment = startPayment(orderNo, channel);
        HttpResponse<String> paid = shop.browser("POST", "/sandbox/cashier/" + payment.get("outTradeNo").asText() + "/pay",
                "channel=" + channel + "&amount=exact");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        JsonNode order = api.get("/api/v1/admin/orders/" + orderNo, admin).json();
        assertThat(order.get("status").asText()).isEqualTo("PAID");
        return order;
    }

    private JsonNode startPayment(String orderNo, String channel) {
        Reply started = api.post("/api/v1/orders/" + orderNo + "/payments", buyer,
                Map.of("channel", channel, "scene", channel.equals("WECHAT") ? "NATIVE" : "QR"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        return started.json();
    }

    private Reply refund(JsonNode order, Object body) {
        return api.post("/api/v1/admin/orders/" + order.get("orderNo").asText() + "/refund", admin, body);
    }

    private JsonNode refunds(String orderNo) {
        Reply refunds = api.get("/api/v1/admin/orders/" + orderNo + "/refunds", admin);
        assertThat(refunds.status()).as(refunds.toString()).isEqualTo(200);
        return refunds.json();
    }

    private List<String> refundStates(String orderNo) {
        List<String> states = new ArrayList<>();
        refunds(orderNo).get("refunds").forEach(r -> states.add(r.get("state").asText()));
        return states;
    }

    private String paymentStatus(String orderNo) {
        return api.get("/api/v1/admin/orders/" + orderNo + "/payments", admin).json().get("items").get(0).get("status").asText();
    }

    private long refundsAtTheProvider(String channel) {
        return shop.sandbox("{}").get(channel.equals("WECHAT") ? "wechatRefunds" : "alipayRefunds").asLong();
    }

    @Test
    void partialThenWholeRefundsGoThroughBothSandboxProviders() throws Exception {
        start("auto");
        for (String channel : List.of("WECHAT", "ALIPAY")) {
            JsonNode order = paidOrder(channel, 3);
            String orderNo = order.get("orderNo").asText();
            long unitPrice = order.get("items").get(0).get("unitPrice").asLong();

            Reply part = refund(order, Map.of("items", List.of(Map.of("productId", product, "quantity", 1)), "reason", "one cup broke"));
            assertThat(part.status()).as(part.toString()).isEqualTo(200);
            assertThat(part.json().get("status").asText()).isEqualTo("PAID");
            assertThat(part.json().get("refundedAmount").asLong()).isEqualTo(unitPrice);
            assertThat(part.json().get("refund").get("refundNo").asText()).isEqualTo(orderNo + "_r1");
            assertThat(part.json().get("refund").get("state").asText())
                    .as("Alipay answers at once; WeChat answers PROCESSING and notifies").isEqualTo(channel.equals("ALIPAY") ? "SUCCEEDED" : "PENDING");
            shop.eventually(channel + " partial refund settled", () -> refundStates(orderNo).equals(List.of("SUCCEEDED")));
            assertThat(paymentStatus(orderNo)).isEqualTo("SUCCEEDED");

            Reply rest = refund(order, null);
            assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
            assertThat(rest.json().get("status").asText()).isEqualTo("REFUNDED");
            assertThat(rest.json().get("refundedAmount").asLong()).isEqualTo(order.get("payAmount").asLong());
            assertThat(rest.json().get("refund").get("amount").asLong()).isEqualTo(2 * unitPrice);
            shop.eventually(channel + " whole refund settled", () -> refundStates(orderNo).equals(List.of("SUCCEEDED", "SUCCEEDED")));
            shop.eventually(channel + " payment refunded", () -> paymentStatus(orderNo).equals("REFUNDED"));
            assertThat(refundsAtTheProvider(channel)).isEqualTo(2);
        }
        shop.auditClean();
    }

    /** The wiring of DESIGN §14's two halves: the refunds this shop made are the ones on the providers' bills. */
    @Test
    void refundsMadeThroughTheProvidersAreOnTheBillsReconciliationReads() throws Exception {
        start("auto");
        for (String channel : List.of("WECHAT", "ALIPAY")) {
            JsonNode order = paidOrder(channel, 2);
            String orderNo = order.get("orderNo").asText();
            Reply part = refund(order, Map.of("items", List.of(Map.of("productId", product, "quantity", 1)), "reason", "one cup broke"));
            assertThat(part.status()).as(part.toString()).isEqualTo(200);
            shop.eventually(channel + " refund settled", () -> refundStates(orderNo).equals(List.of("SUCCEEDED")));

            // The bill's day is the provider's (China time), as the daily run takes it.
            String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
            Reply report = api.post("/api/v1/admin/reconciliations", admin, Map.of("channel", channel, "date", today));
            assertThat(report.status()).as(report.toString()).isEqualTo(201);
            assertThat(report.json().get("differences")).as("every payment and refund of the day matched: %s", report).isEmpty();
        }
        shop.auditClean();
    }

    @Test
    void aRefundWhoseAnswerWasLostIsAskedAboutAndRefundsOnce() throws Exception {
        start("auto");
        for (String channel : List.of("ALIPAY", "WECHAT")) {
            JsonNode order = paidOrder(channel, 1);
            String orderNo = order.get("orderNo").asText();
            long before = refundsAtTheProvider(channel);
            // WeChat's refund notification would settle it meanwhile: lost too, so only the job's query can.
            shop.sandbox("{\"outage\":\"ANSWER_LOST\",\"withholdNotifications\":true}");

            Reply lost = refund(order, Map.of("reason", "answer lost"));

            assertThat(lost.status()).as(lost.toString()).isEqualTo(200);
            assertThat(lost.json().get("refund").get("state").asText()).isEqualTo("PENDING");
            assertThat(lost.json().get("refund").get("providerState").asText()).contains("timed out");
            assertThat(refundsAtTheProvider(channel)).as("the provider made it").isEqualTo(before + 1);
            shop.sandbox("{\"outage\":\"NONE\",\"withholdNotifications\":false}");
            shop.eventually(channel + " lost answer settled by the refund job's query",
                    () -> refundStates(orderNo).equals(List.of("SUCCEEDED")));
            assertThat(refundsAtTheProvider(channel)).as("refunded once").isEqualTo(before + 1);
            assertThat(refunds(orderNo).get("refunds").get(0).get("refundNo").asText()).isEqualTo(orderNo + "_r1");
        }
        shop.auditClean();
    }

    @Test
    void aRefundTheProviderRefusesEndsFailedWithItsReasonAndTheMoneyStays() {
        start("auto");
        JsonNode order = paidOrder("WECHAT", 2);
        String orderNo = order.get("orderNo").asText();
        shop.sandbox("{\"refuseRefunds\":\"NOT_ENOUGH\"}");

        Reply refused = refund(order, Map.of("amount", 100, "reason", "goodwill"));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
        assertThat(refused.json().get("refund").get("state").asText()).isEqualTo("FAILED");
        assertThat(refused.json().get("refund").get("failure").asText()).contains("NOT_ENOUGH");
        assertThat(refused.json().get("refundedAmount").asLong()).isZero();
        assertThat(refused.json().get("status").asText()).isEqualTo("PAID");
        assertThat(paymentStatus(orderNo)).isEqualTo("SUCCEEDED");
        assertThat(refundsAtTheProvider("WECHAT")).isZero();
        shop.auditClean();
    }

    @Test
    void adminsRefundingAtOnceMakeOneRefundAndTooMuchIsRefused() throws Exception {
        start("auto");
        JsonNode order = paidOrder("ALIPAY", 2);
        ExecutorService admins = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Reply>> tasks = new ArrayList<>();
            for (int i = 0; i < 6; i++) tasks.add(() -> refund(order, null));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Reply> reply : admins.invokeAll(tasks)) statuses.add(reply.get().status());
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(5);
        } finally {
            admins.shutdownNow();
        }
        assertThat(refunds(order.get("orderNo").asText()).get("refunds")).hasSize(1);
        assertThat(refundsAtTheProvider("ALIPAY")).isEqualTo(1);

        JsonNode other = paidOrder("ALIPAY", 1);
        Reply tooMuch = refund(other, Map.of("amount", other.get("payAmount").asLong() + 1));
        assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(409);
        assertThat(tooMuch.code()).isEqualTo(40011);
        assertThat(tooMuch.contentType()).startsWith("application/problem+json");
        Reply badQuantity = refund(other, Map.of("items", List.of(Map.of("productId", product, "quantity", 0))));
        assertThat(badQuantity.status()).isEqualTo(400);
        assertThat(badQuantity.text()).contains("items[0].quantity");
        assertThat(refunds(other.get("orderNo").asText()).get("refunds")).isEmpty();
        assertThat(refundsAtTheProvider("ALIPAY")).isEqualTo(1);
        shop.auditClean();
    }

    /** A payment after the order was cancelled while the provider was unreachable: REFUND_REQUIRED. */
    private String latePayment() {
        Reply placed = api.post("/api/v1/orders", buyer, Map.of("items", List.of(Map.of("productId", product, "quantity", 1)),
                "paymentMethod", "WECHAT"), Map.of("Idempotency-Key", "late-" + System.nanoTime()));
        String orderNo = placed.json().get("orderNo").asText();
        JsonNode payment = startPayment(orderNo, "WECHAT");
        shop.sandbox("{\"outage\":\"DROP\"}");
        Reply cancelled = api.post("/api/v1/orders/" + orderNo + "/cancel", buyer, null);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        shop.sandbox("{\"outage\":\"NONE\"}");
        HttpResponse<String> paid = shop.browser("POST", "/sandbox/cashier/" + payment.get("outTradeNo").asText() + "/pay",
                "channel=WECHAT&amount=exact");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(paymentStatus(orderNo)).isEqualTo("REFUND_REQUIRED");
        return orderNo;
    }

    @Test
    void aLatePaymentIsRefundedByTheJob() throws Exception {
        start("auto");
        String orderNo = latePayment();

        shop.eventually("the late payment refunded", () -> paymentStatus(orderNo).equals("REFUNDED"));
        JsonNode refund = refunds(orderNo).get("refunds").get(0);
        assertThat(refund.get("purpose").asText()).isEqualTo("LATE_PAYMENT");
        assertThat(refund.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(refundsAtTheProvider("WECHAT")).isEqualTo(1);
        shop.auditClean();
    }

    @Test
    void aLatePaymentWaitsForAPersonInManualMode() {
        start("manual");
        String orderNo = latePayment();

        shop.app.system().refundJob().runOnce();

        assertThat(refunds(orderNo).get("refunds")).isEmpty();
        assertThat(paymentStatus(orderNo)).isEqualTo("REFUND_REQUIRED");
        assertThat(refundsAtTheProvider("WECHAT")).isZero();
        shop.auditClean();
    }

    @Test
    void aForgedRefundNotificationIsRefusedAndChangesNothing() {
        start("auto");
        JsonNode order = paidOrder("WECHAT", 1);
        shop.sandbox("{\"withholdNotifications\":true}");
        Reply pending = refund(order, null);
        assertThat(pending.json().get("refund").get("state").asText()).isEqualTo("PENDING");
        Map<String, String> forged = new HashMap<>(Map.of("Wechatpay-Serial", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
                "Wechatpay-Timestamp", Long.toString(System.currentTimeMillis() / 1000), "Wechatpay-Nonce", "n0nce",
                "Wechatpay-Signature", "Zm9yZ2Vk"));
        Reply refused = api.post("/api/v1/payments/wechat/refund-notify", null, Map.of("id", "EV-forged", "event_type", "REFUND.SUCCESS",
                "resource", Map.of("algorithm", "AEAD_AES_256_GCM", "ciphertext", "Zm9yZ2Vk", "nonce", "n0nce", "associated_data", "refund")),
                forged);
        assertThat(refused.status()).as(refused.toString()).isIn(400, 401);
        assertThat(refundStates(order.get("orderNo").asText())).containsExactly("PENDING");
    }
}
