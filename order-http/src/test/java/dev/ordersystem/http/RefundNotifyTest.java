package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.RefundState;
import dev.ordersystem.core.usecase.payment.PaymentOutcome;
import dev.ordersystem.core.usecase.payment.VerifiedPayment;
import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.TestServer.Reply;
import dev.ordersystem.http.payment.PaymentChannels;
import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.route.RefundNotifyRoutes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WeChat Pay's refund notify route (DESIGN §14) handled as payment notifications are: a signed,
 * encrypted {@code REFUND.SUCCESS} settles the refund once (the same delivery again is answered
 * as a success and changes nothing); a forged signature, a tampered body or a stale timestamp is
 * refused and writes nothing; an unknown out_refund_no is answered 404 so WeChat keeps it. The
 * shop here has no provider to call, so the refund stays PENDING until the notification settles it.
 */
class RefundNotifyTest {
    private static final Currency CNY = Currency.getInstance("CNY");

    private final ShiftedClock clock = new ShiftedClock();
    private final PaymentSandbox sandbox = PaymentSandbox.generate(clock);
    private final TestServer server = TestServer.builder().clock(clock).payments(PaymentChannels.sandbox(sandbox)).start();
    private final ShopSteps shop = new ShopSteps(server);

    @AfterEach
    void stop() {
        server.close();
    }

    /** A WeChat-paid order refunded whole by an admin: its refund waits (no provider to ask). */
    private String pendingRefund() {
        long tea = shop.product("Green tea", 1_000, 10);
        Buyer buyer = shop.buyer();
        String orderNo = shop.placed(buyer, tea, 2, "WECHAT").get("orderNo").asText();
        assertThat(server.system.applyPayment().apply(new VerifiedPayment(PaymentChannel.WECHAT, new OrderNo(orderNo),
                "4200" + orderNo, Money.of(2_000, CNY), Instant.now(), "{}"))).isEqualTo(PaymentOutcome.PAID);
        Reply refunded = server.post("/api/v1/admin/orders/" + orderNo + "/refund", TestServer.ADMIN, null);
        assertThat(refunded.status()).as(refunded.toString()).isEqualTo(200);
        assertThat(refunded.json().get("refund").get("state").asText()).isEqualTo("PENDING");
        return orderNo;
    }

    private static String refundResource(String orderNo, String refundNo, String status) {
        ObjectNode refund = JsonNodeFactory.instance.objectNode().put("mchid", PaymentSandbox.WECHAT_MCH_ID)
                .put("out_trade_no", orderNo + "_1").put("transaction_id", "4200" + orderNo).put("out_refund_no", refundNo)
                .put("refund_id", "50300604212020051600550537447").put("refund_status", status)
                .put("success_time", "2026-12-07T18:00:00+08:00").put("user_received_account", "支付用户零钱");
        refund.putObject("amount").put("total", 2_000).put("refund", 2_000).put("payer_total", 2_000).put("payer_refund", 2_000);
        return refund.toString();
    }

    private Reply deliver(PaymentSandbox.WechatDelivery delivery) {
        return deliver(delivery.body(), delivery);
    }

    private Reply deliver(String body, PaymentSandbox.WechatDelivery signed) {
        Map<String, String> headers = new HashMap<>(Map.of("Wechatpay-Serial", signed.headers().serial(),
                "Wechatpay-Timestamp", signed.headers().timestamp(), "Wechatpay-Nonce", signed.headers().nonce(),
                "Wechatpay-Signature", signed.headers().signature(), "Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048"));
        return server.send("POST", RefundNotifyRoutes.WECHAT, null, "application/json", body, headers);
    }

    private RefundState stateOf(String orderNo) {
        return server.system.refundOrder().refundsOf(new OrderNo(orderNo)).getFirst().state();
    }

    @Test
    void aSignedRefundNotificationSettlesOnceAndItsRepeatChangesNothing() {
        String orderNo = pendingRefund();
        PaymentSandbox.WechatDelivery success = sandbox.wechatRefundNotification("REFUND.SUCCESS",
                refundResource(orderNo, orderNo + "_r1", "SUCCESS"));

        Reply first = deliver(success);
        assertThat(first.status()).as(first.toString()).isEqualTo(204);
        assertThat(stateOf(orderNo)).isEqualTo(RefundState.SUCCEEDED);
        Reply again = deliver(success);
        assertThat(again.status()).as(again.toString()).isEqualTo(204);
        Reply closedLater = deliver(sandbox.wechatRefundNotification("REFUND.CLOSED", refundResource(orderNo, orderNo + "_r1", "CLOSED")));
        assertThat(closedLater.status()).isEqualTo(204);

        assertThat(stateOf(orderNo)).isEqualTo(RefundState.SUCCEEDED);
        Reply payments = server.get("/api/v1/admin/orders/" + orderNo + "/payments", TestServer.ADMIN);
        assertThat(payments.json().get("items").get(0).get("status").asText()).isEqualTo("REFUNDED");
        JsonNode order = server.get("/api/v1/admin/orders/" + orderNo, TestServer.ADMIN).json();
        assertThat(order.get("status").asText()).isEqualTo("REFUNDED");
        assertThat(order.get("refundedAmount").asLong()).isEqualTo(2_000);
        shop.auditClean();
    }

    @Test
    void anAbnormalRefundEndsFailedWithTheProvidersWord() {
        String orderNo = pendingRefund();
        Reply abnormal = deliver(sandbox.wechatRefundNotification("REFUND.ABNORMAL", refundResource(orderNo, orderNo + "_r1", "ABNORMAL")));
        assertThat(abnormal.status()).isEqualTo(204);
        assertThat(stateOf(orderNo)).isEqualTo(RefundState.FAILED);
        assertThat(server.system.refundOrder().refundsOf(new OrderNo(orderNo)).getFirst().failure().orElseThrow()).contains("ABNORMAL");
        Reply payments = server.get("/api/v1/admin/orders/" + orderNo + "/payments", TestServer.ADMIN);
        assertThat(payments.json().get("items").get(0).get("status").asText()).as("still listed for a person").isEqualTo("REFUND_REQUIRED");
        assertThat(server.get("/api/v1/admin/orders/" + orderNo, TestServer.ADMIN).json().get("refundedAmount").asLong())
                .as("a failed refund gave nothing back").isZero();
    }

    @Test
    void forgedTamperedOrUnknownRefundNotificationsAreRefusedAndWriteNothing() {
        String orderNo = pendingRefund();
        PaymentSandbox.WechatDelivery genuine = sandbox.wechatRefundNotification("REFUND.SUCCESS",
                refundResource(orderNo, orderNo + "_r1", "SUCCESS"));
        PaymentSandbox other = PaymentSandbox.generate(clock); // another platform key and APIv3 key: a forger's
        PaymentSandbox.WechatDelivery forged = other.wechatRefundNotification("REFUND.SUCCESS",
                refundResource(orderNo, orderNo + "_r1", "SUCCESS"));

        assertThat(deliver(forged).status()).isIn(400, 401);
        assertThat(deliver(genuine.body().replace("REFUND.SUCCESS", "REFUND.SUCCESS "), genuine).status()).isEqualTo(401);
        assertThat(stateOf(orderNo)).isEqualTo(RefundState.PENDING);

        Reply unknown = deliver(sandbox.wechatRefundNotification("REFUND.SUCCESS",
                refundResource(orderNo, orderNo + "_r7", "SUCCESS")));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(stateOf(orderNo)).isEqualTo(RefundState.PENDING);
    }
}
