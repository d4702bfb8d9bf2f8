package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.http.TestServer.Reply;
import dev.ordersystem.http.payment.PaymentChannels;
import dev.ordersystem.http.payment.PaymentSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox pays orders through the real notify handling, and what it emits also passes the notify route. */
class PaymentSandboxTest {
    private final SteppedClock clock = new SteppedClock();
    private final PaymentSandbox sandbox = PaymentSandbox.generate(clock);
    private final TestServer server = TestServer.builder().clock(clock).payments(PaymentChannels.sandbox(sandbox)).start();
    private final ShopSteps shop = new ShopSteps(server);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void paysAnOrderThroughEachChannel() {
        long tea = shop.product("Green tea", 1_234, 50);
        ShopSteps.Buyer buyer = shop.buyer();
        for (String channel : new String[]{"WECHAT", "ALIPAY"}) {
            String orderNo = shop.placed(buyer, tea, 1, channel).get("orderNo").asText();
            Reply reply = server.post("/api/v1/admin/sandbox/payments/" + orderNo, TestServer.ADMIN, Map.of("channel", channel));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            JsonNode body = reply.json();
            assertThat(body.get("outcome").asText()).isEqualTo("PAID");
            assertThat(body.get("amount").asLong()).isEqualTo(1_234);
            assertThat(server.get("/api/v1/orders/" + orderNo, buyer.token()).json().get("status").asText()).isEqualTo("PAID");
        }
        shop.auditClean();
    }

    @Test
    void aWrongAmountAndAnUnknownOrderGoToReconciliationAndOnlyAdminsMayUseIt() {
        long tea = shop.product("Green tea", 1_000, 50);
        ShopSteps.Buyer buyer = shop.buyer();
        String orderNo = shop.placed(buyer, tea, 1, "WECHAT").get("orderNo").asText();
        Reply mismatch = server.post("/api/v1/admin/sandbox/payments/" + orderNo, TestServer.ADMIN, Map.of("channel", "WECHAT", "amount", 1));
        assertThat(mismatch.json().get("outcome").asText()).isEqualTo("AMOUNT_MISMATCH");
        assertThat(server.system.viewOrders().any(new OrderNo(orderNo)).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        Reply unknown = server.post("/api/v1/admin/sandbox/payments/88888888", TestServer.ADMIN, Map.of("channel", "ALIPAY", "amount", 100));
        assertThat(unknown.json().get("outcome").asText()).isEqualTo("UNMATCHED");
        assertThat(server.store.payments().findByOrder(new OrderNo("88888888"))).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(PaymentStatus.UNMATCHED));
        assertThat(server.post("/api/v1/admin/sandbox/payments/77777777", TestServer.ADMIN, Map.of("channel", "ALIPAY")).status())
                .isEqualTo(404);
        assertThat(server.post("/api/v1/admin/sandbox/payments/" + orderNo, buyer.token(), Map.of("channel", "WECHAT")).status())
                .isEqualTo(403);
        Reply refused = server.post("/api/v1/admin/sandbox/payments/" + orderNo, TestServer.ADMIN, Map.of("channel", "PAYPAL", "amount", -5));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsText("field")).as("both faults in one answer").containsExactly("channel", "amount");
    }

    @Test
    void whatTheSandboxEmitsIsAcceptedByTheNotifyRouteOverHttp() {
        long tea = shop.product("Green tea", 500, 50);
        String orderNo = shop.placed(shop.buyer(), tea, 1, "WECHAT").get("orderNo").asText();
        PaymentSandbox.WechatDelivery delivery = sandbox.wechatPayment(new OrderNo(orderNo), 500, "CNY", sandbox.tradeNo());
        Reply reply = server.send("POST", PaymentNotifyTest.WECHAT, null, "application/json", delivery.body(),
                Map.of("Wechatpay-Serial", delivery.headers().serial(), "Wechatpay-Timestamp", delivery.headers().timestamp(),
                        "Wechatpay-Nonce", delivery.headers().nonce(), "Wechatpay-Signature", delivery.headers().signature()));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
        assertThat(server.system.viewOrders().any(new OrderNo(orderNo)).status()).isEqualTo(OrderStatus.PAID);
    }
}
