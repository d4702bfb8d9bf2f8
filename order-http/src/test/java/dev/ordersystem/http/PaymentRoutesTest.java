package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.core.contract.MutableClock;
import dev.ordersystem.core.contract.ScriptedProvider;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.port.AttemptState;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.http.TestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/orders/{orderNo}/payments} and {@code GET /api/v1/orders/{orderNo}/payment} (DESIGN §13) over HTTP. */
class PaymentRoutesTest {
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
    private final ScriptedProvider provider = new ScriptedProvider(Set.of(PaymentChannel.WECHAT, PaymentChannel.ALIPAY),
            clock, () -> false);
    private final TestServer server = TestServer.builder().clock(clock).provider(provider).start();
    private final ShopSteps shop = new ShopSteps(server);

    @AfterEach
    void stop() {
        server.close();
    }

    private String pendingOrder(ShopSteps.Buyer buyer) {
        long tea = shop.product("Longjing", 3_800, 10);
        return shop.placed(buyer, tea, 2, "WECHAT").get("orderNo").asText();
    }

    private Reply start(ShopSteps.Buyer buyer, String orderNo, Map<String, ?> body) {
        return server.post("/api/v1/orders/" + orderNo + "/payments", buyer.token(), body);
    }

    @Test
    void aNativeStartAnswersTheTradeWithItsCodeUrlAndTheOrdersDeadline() {
        ShopSteps.Buyer buyer = shop.buyer();
        String orderNo = pendingOrder(buyer);
        JsonNode order = server.get("/api/v1/orders/" + orderNo, buyer.token()).json();

        Reply started = start(buyer, orderNo, Map.of("channel", "WECHAT", "scene", "NATIVE"));

        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.header("Location")).isEqualTo("/api/v1/orders/" + orderNo + "/payment");
        JsonNode body = started.json();
        assertThat(body.get("orderNo").asText()).isEqualTo(orderNo);
        assertThat(body.get("channel").asText()).isEqualTo("WECHAT");
        assertThat(body.get("scene").asText()).isEqualTo("NATIVE");
        assertThat(body.get("outTradeNo").asText()).isEqualTo(orderNo + "_1");
        assertThat(body.get("amount").asLong()).isEqualTo(7_600);
        assertThat(body.get("currency").asText()).isEqualTo("CNY");
        assertThat(body.get("expiresAt").asText()).isEqualTo(order.get("expiresAt").asText());
        assertThat(body.get("codeUrl").asText()).startsWith("weixin://wxpay/bizpayurl");
        assertThat(body.has("payUrl") || body.has("qrCode") || body.has("h5Url") || body.has("prepayId")).isFalse();

        Reply again = start(buyer, orderNo, Map.of("channel", "WECHAT", "scene", "NATIVE"));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(body);
        assertThat(provider.calls()).hasSize(1);
    }

    @Test
    void aJsapiStartAnswersWhatRequestPaymentTakes() {
        ShopSteps.Buyer buyer = shop.buyer();
        String orderNo = pendingOrder(buyer);

        Reply started = start(buyer, orderNo, Map.of("channel", "WECHAT", "scene", "JSAPI", "openId", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));

        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        JsonNode jsapi = started.json().get("jsapi");
        assertThat(started.json().get("prepayId").asText()).isNotBlank();
        assertThat(jsapi.get("package").asText()).isEqualTo("prepay_id=" + started.json().get("prepayId").asText());
        assertThat(jsapi.get("signType").asText()).isEqualTo("RSA");
        for (String field : List.of("appId", "timeStamp", "nonceStr", "paySign")) assertThat(jsapi.get(field).asText()).isNotBlank();
    }

    @Test
    void badInputIsA400NamingEachFieldWithNothingWrittenAndNoProviderCall() {
        ShopSteps.Buyer buyer = shop.buyer();
        String orderNo = pendingOrder(buyer);
        List<Map<String, ?>> bodies = List.of(
                Map.of("channel", "WECHAT", "scene", "BARCODE"),
                Map.of("scene", "NATIVE"),
                Map.of("channel", "WECHAT", "scene", "QR"),
                Map.of("channel", "WECHAT", "scene", "JSAPI"),
                Map.of("channel", "WECHAT", "scene", "H5"),
                Map.of("channel", "WECHAT", "scene", "H5", "clientIp", "not-an-address"),
                Map.of("channel", "PAYPAL", "scene", "JSAPI"));
        List<List<String>> fields = List.of(List.of("scene"), List.of("channel"), List.of("scene"), List.of("openId"),
                List.of("clientIp"), List.of("clientIp"), List.of("channel", "openId"));
        for (int i = 0; i < bodies.size(); i++) {
            Reply refused = start(buyer, orderNo, bodies.get(i));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo(40005);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            List<String> named = new ArrayList<>();
            refused.json().get("errors").forEach(e -> named.add(e.get("field").asText()));
            assertThat(named).as(refused.toString()).containsExactlyInAnyOrderElementsOf(fields.get(i));
        }
        Reply malformed = server.post("/api/v1/orders/" + orderNo + "/payments", buyer.token(), "{\"channel\":");
        assertThat(malformed.status()).isEqualTo(400);

        ShopSteps.Buyer other = shop.buyer();
        Reply foreign = start(other, orderNo, Map.of("channel", "WECHAT", "scene", "NATIVE"));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo(40400);

        shop.topUp(buyer.userId(), 100_000);
        String paid = shop.placed(buyer, shop.product("Puer", 1_000, 5), 1, "BALANCE").get("orderNo").asText();
        Reply notPending = start(buyer, paid, Map.of("channel", "ALIPAY", "scene", "QR"));
        assertThat(notPending.status()).isEqualTo(409);
        assertThat(notPending.code()).isEqualTo(40004);

        assertThat(provider.calls()).isEmpty();
        assertThat(server.store.attempts().findByOrder(new OrderNo(orderNo))).isEmpty();
        assertThat(server.store.attempts().findByOrder(new OrderNo(paid))).isEmpty();
    }

    @Test
    void aProviderThatCannotBeHeardIs503AndOneThatCannotBeTrustedIs502WithNoOpenTradeLeft() {
        ShopSteps.Buyer buyer = shop.buyer();
        String orderNo = pendingOrder(buyer);

        provider.down(new ProviderFailure.Unreachable("connection refused"));
        Reply down = start(buyer, orderNo, Map.of("channel", "WECHAT", "scene", "NATIVE"));
        assertThat(down.status()).as(down.toString()).isEqualTo(503);
        assertThat(down.code()).isEqualTo(50300);

        provider.down(new ProviderFailure.BadSignature("Wechatpay-Signature does not verify"));
        Reply untrusted = server.send("POST", "/api/v1/orders/" + orderNo + "/payments", buyer.token(), "application/json",
                "{\"channel\":\"ALIPAY\",\"scene\":\"PAGE\"}", Map.of("Accept-Language", "zh-CN"));
        assertThat(untrusted.status()).as(untrusted.toString()).isEqualTo(502);
        assertThat(untrusted.code()).isEqualTo(50200);
        assertThat(untrusted.header("Content-Type")).startsWith("application/problem+json");
        assertThat(untrusted.json().get("title").asText()).isEqualTo("支付渠道拒绝了请求");
        assertThat(untrusted.text()).doesNotContain("Wechatpay-Signature");

        assertThat(server.store.attempts().findOpen(new OrderNo(orderNo))).isEmpty();
        assertThat(server.store.attempts().findByOrder(new OrderNo(orderNo))).extracting(a -> a.state())
                .containsExactly(AttemptState.FAILED, AttemptState.FAILED);
        assertThat(server.get("/api/v1/orders/" + orderNo, buyer.token()).json().get("status").asText())
                .isEqualTo(OrderStatus.PENDING_PAYMENT.name());

        provider.up();
        assertThat(start(buyer, orderNo, Map.of("channel", "ALIPAY", "scene", "PAGE")).json().get("payUrl").asText())
                .isNotBlank();
    }

    @Test
    void thePollShowsTheProvidersAnswerAndAPaymentItFinds() {
        ShopSteps.Buyer buyer = shop.buyer();
        String orderNo = pendingOrder(buyer);
        assertThat(server.get("/api/v1/orders/" + orderNo + "/payment", buyer.token()).status()).isEqualTo(404);
        start(buyer, orderNo, Map.of("channel", "ALIPAY", "scene", "QR"));

        JsonNode waiting = server.get("/api/v1/orders/" + orderNo + "/payment", buyer.token()).json();
        assertThat(waiting.get("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(waiting.get("channel").asText()).isEqualTo("ALIPAY");
        assertThat(waiting.get("scene").asText()).isEqualTo("QR");
        assertThat(waiting.get("outTradeNo").asText()).isEqualTo(orderNo + "_1");
        assertThat(waiting.get("tradeState").asText()).isEqualTo("NOT_PAID");
        assertThat(waiting.get("checkedAt").asText()).isNotBlank();

        provider.pay(OutTradeNo.of(new OrderNo(orderNo), 1)); // the notification is lost
        clock.advance(Duration.ofSeconds(2));
        JsonNode paid = server.get("/api/v1/orders/" + orderNo + "/payment", buyer.token()).json();

        assertThat(paid.get("status").asText()).isEqualTo("PAID");
        assertThat(paid.get("tradeState").asText()).isEqualTo("PAID");
        assertThat(paid.get("attemptState").asText()).isEqualTo("PAID");
        assertThat(server.get("/api/v1/orders/" + orderNo, buyer.token()).json().get("status").asText()).isEqualTo("PAID");
        assertThat(server.store.payments().findByOrder(new OrderNo(orderNo))).hasSize(1);
        ShopSteps.Buyer other = shop.buyer();
        assertThat(server.get("/api/v1/orders/" + orderNo + "/payment", other.token()).status()).isEqualTo(404);
        assertThat(server.send("HEAD", "/api/v1/orders/" + orderNo + "/payment", buyer.token(), null, null, Map.of()).status())
                .isEqualTo(200);
    }

    @Test
    void providerCallsAreCountedByOperationAndOutcome() {
        ShopSteps.Buyer buyer = shop.buyer();
        String orderNo = pendingOrder(buyer);
        start(buyer, orderNo, Map.of("channel", "WECHAT", "scene", "NATIVE"));
        start(buyer, orderNo, Map.of("channel", "ALIPAY", "scene", "WAP"));
        provider.down(new ProviderFailure.TimedOut("no answer within 5 s"));
        clock.advance(Duration.ofSeconds(3));
        server.get("/api/v1/orders/" + orderNo + "/payment", buyer.token());

        String metrics = server.get("/metrics", null).text();

        assertThat(metrics).contains("payments_trades_started_total{channel=\"WECHAT\",scene=\"NATIVE\"} 1.0")
                .contains("payments_trades_started_total{channel=\"ALIPAY\",scene=\"WAP\"} 1.0")
                .contains("payments_trades_closed_total{channel=\"WECHAT\"} 1.0")
                .contains("payments_provider_calls_total{channel=\"WECHAT\",operation=\"close\",outcome=\"closed\"} 1.0")
                .contains("payments_provider_calls_total{channel=\"ALIPAY\",operation=\"query\",outcome=\"timed_out\"} 1.0")
                .contains("payments_provider_call_seconds_count{channel=\"ALIPAY\",operation=\"create\"} 1");
    }
}
