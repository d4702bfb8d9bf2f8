package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.usecase.payment.PaymentOutcome;
import dev.ordersystem.core.usecase.payment.VerifiedPayment;
import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.TestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Currency;

import static dev.ordersystem.http.ErrorCodesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's reconciliation routes. Provider notifications are not routes of this module yet,
 * so the verified payments enter through the core's use case, as the notification routes will.
 */
class ReconciliationTest {
    private static final Currency CNY = Currency.getInstance("CNY");

    private final TestServer server = TestServer.start();
    private final ShopSteps shop = new ShopSteps(server);

    @AfterEach
    void stop() {
        server.close();
    }

    private PaymentOutcome notify(PaymentChannel channel, String orderNo, String tradeNo, long amount) {
        return server.system.applyPayment().apply(new VerifiedPayment(channel, new OrderNo(orderNo), tradeNo,
                Money.of(amount, CNY), Instant.now(), "{}"));
    }

    @Test
    void listsPaymentsNeedingAPersonAndMarksRefundsDone() {
        long id = shop.product("Green tea", 1_000, 20);
        Buyer buyer = shop.buyer();
        String late = shop.placed(buyer, id, 1, "WECHAT").get("orderNo").asText();
        server.post("/api/v1/orders/" + late + "/cancel", buyer.token(), null);
        assertThat(notify(PaymentChannel.WECHAT, late, "WX-LATE-1", 1_000)).isEqualTo(PaymentOutcome.REFUND_REQUIRED);

        String paid = shop.placed(buyer, id, 2, "ALIPAY").get("orderNo").asText();
        assertThat(notify(PaymentChannel.ALIPAY, paid, "ALI-OK-1", 2_000)).isEqualTo(PaymentOutcome.PAID);
        JsonNode refunded = server.post("/api/v1/admin/orders/" + paid + "/refund", TestServer.ADMIN, null).json();
        assertThat(refunded.get("status").asText()).isEqualTo("REFUNDED");

        String short1 = shop.placed(buyer, id, 3, "WECHAT").get("orderNo").asText();
        assertThat(notify(PaymentChannel.WECHAT, short1, "WX-SHORT-1", 1)).isEqualTo(PaymentOutcome.AMOUNT_MISMATCH);

        JsonNode first = server.get("/api/v1/admin/payments?status=REFUND_REQUIRED&limit=1", TestServer.ADMIN).json();
        assertThat(first.get("items")).hasSize(1);
        JsonNode second = server.get("/api/v1/admin/payments?status=REFUND_REQUIRED&limit=1&cursor="
                + first.get("nextCursor").asText(), TestServer.ADMIN).json();
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(first.get("items").get(0).get("tradeNo").asText()).isNotEqualTo(second.get("items").get(0).get("tradeNo").asText());
        JsonNode mismatched = server.get("/api/v1/admin/payments?status=MISMATCH", TestServer.ADMIN).json();
        assertThat(mismatched.get("items").get(0).get("amount").asLong()).isEqualTo(1);

        Reply done = server.post("/api/v1/admin/payments/wechat/WX-LATE-1/refunded", TestServer.ADMIN, null);
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().get("status").asText()).isEqualTo("REFUNDED");
        assertProblem(server.post("/api/v1/admin/payments/WECHAT/WX-LATE-1/refunded", TestServer.ADMIN, null), 404, 40400);
        assertThat(server.post("/api/v1/admin/payments/ALIPAY/ALI-OK-1/refunded", TestServer.ADMIN, null).status()).isEqualTo(200);
        assertThat(server.get("/api/v1/admin/payments?status=REFUND_REQUIRED", TestServer.ADMIN).json().get("items")).isEmpty();
        shop.auditClean();
    }
}
