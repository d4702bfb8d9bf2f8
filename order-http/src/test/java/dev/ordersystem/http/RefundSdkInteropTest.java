package dev.ordersystem.http;

import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Status;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.http.payment.PaymentChannels;
import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.provider.AlipayTrades;
import dev.ordersystem.http.provider.WechatPayTrades;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official SDKs' refund calls against the sandbox provider (DESIGN §14), so its refund API is
 * the providers' and not only ours: wechatpay-java's {@code RefundService} creates and queries a
 * refund (the SDK signing requests and validating every answer), a repeated out_refund_no answers
 * the same refund, too much is refused with WeChat's code, and the sandbox's {@code REFUND.SUCCESS}
 * notification parses with the SDK's {@code NotificationParser}; alipay-sdk-java's
 * {@code AlipayTradeRefundRequest} and {@code AlipayTradeFastpayRefundQueryRequest} refund once
 * ({@code fund_change} Y, then N on a repeat) and query, accepting the sandbox's signatures.
 */
class RefundSdkInteropTest {
    private static final AtomicLong ORDERS = new AtomicLong(System.nanoTime() % 1_000_000);

    private final ShiftedClock clock = new ShiftedClock();
    private final PaymentSandbox sandbox = PaymentSandbox.generate(clock);
    private final TestServer server = TestServer.builder().clock(clock).payments(PaymentChannels.sandbox(sandbox)).start();
    private final String base = "http://127.0.0.1:" + server.app().port();
    private final NotifyReceiver merchant = new NotifyReceiver(204);
    private final RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder().merchantId(PaymentSandbox.WECHAT_MCH_ID)
            .privateKey(sandbox.wechatMerchantKeyPair().getPrivate()).merchantSerialNumber(sandbox.wechatMerchantSerial())
            .publicKey(sandbox.wechatPlatformKeyPair().getPublic()).publicKeyId(sandbox.wechatSerial()).apiV3Key(sandbox.apiV3Key()).build();
    private final JdkSdkHttpClient http = new JdkSdkHttpClient(config, base);

    @AfterEach
    void stop() {
        merchant.close();
        server.close();
    }

    private String outTradeNo() {
        return OutTradeNo.of(new OrderNo("20261207" + String.format("%015d", ORDERS.incrementAndGet())), 1).value();
    }

    private void payAtCashier(String outTradeNo, String channel) throws Exception {
        HttpResponse<String> paid = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/sandbox/cashier/" + outTradeNo + "/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("channel=" + channel + "&amount=exact")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    }

    private String paidWechatTrade(int fen) throws Exception {
        NativePayService pay = new NativePayService.Builder().httpClient(http).build();
        String no = outTradeNo();
        PrepayRequest prepay = new PrepayRequest();
        prepay.setAppid(PaymentSandbox.WECHAT_APP_ID);
        prepay.setMchid(PaymentSandbox.WECHAT_MCH_ID);
        prepay.setDescription("绿茶 ×3");
        prepay.setOutTradeNo(no);
        prepay.setNotifyUrl(merchant.url("/wechat/notify"));
        prepay.setTimeExpire(WechatPayTrades.rfc3339(clock.instant().plus(Duration.ofMinutes(30))));
        Amount amount = new Amount();
        amount.setTotal(fen);
        amount.setCurrency("CNY");
        prepay.setAmount(amount);
        pay.prepay(prepay);
        payAtCashier(no, "WECHAT");
        merchant.next(); // the payment notification
        QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
        query.setMchid(PaymentSandbox.WECHAT_MCH_ID);
        query.setOutTradeNo(no);
        return pay.queryOrderByOutTradeNo(query).getTransactionId();
    }

    private static CreateRequest refundOf(String transactionId, String refundNo, long refund, long total, String notifyUrl) {
        CreateRequest request = new CreateRequest();
        request.setTransactionId(transactionId);
        request.setOutRefundNo(refundNo);
        request.setReason("一只杯子碎了");
        request.setNotifyUrl(notifyUrl);
        AmountReq amount = new AmountReq();
        amount.setRefund(refund);
        amount.setTotal(total);
        amount.setCurrency("CNY");
        request.setAmount(amount);
        return request;
    }

    @Test
    void wechatpaySdkRefundServiceCreatesQueriesAndIsNotifiedAtTheSandbox() throws Exception {
        String transactionId = paidWechatTrade(3_000);
        RefundService refunds = new RefundService.Builder().httpClient(http).build();
        String refundNo = outTradeNo().replace("_1", "_r1");

        Refund created = refunds.create(refundOf(transactionId, refundNo, 1_000, 3_000, merchant.url("/wechat/refund-notify")));
        assertThat(created.getStatus()).isEqualTo(Status.PROCESSING);
        assertThat(created.getOutRefundNo()).isEqualTo(refundNo);
        assertThat(created.getAmount().getRefund()).isEqualTo(1_000);
        assertThat(created.getRefundId()).isNotBlank();

        NotifyReceiver.Received notified = merchant.next();
        RequestParam param = new RequestParam.Builder().serialNumber(notified.header("Wechatpay-Serial"))
                .nonce(notified.header("Wechatpay-Nonce")).signature(notified.header("Wechatpay-Signature"))
                .timestamp(notified.header("Wechatpay-Timestamp")).signType(notified.header("Wechatpay-Signature-Type"))
                .body(notified.body()).build();
        RefundNotification notification = new NotificationParser(config).parse(param, RefundNotification.class);
        assertThat(notification.getOutRefundNo()).isEqualTo(refundNo);
        assertThat(notification.getRefundStatus()).isEqualTo(Status.SUCCESS);
        assertThat(notification.getAmount().getRefund()).isEqualTo(1_000);

        QueryByOutRefundNoRequest query = new QueryByOutRefundNoRequest();
        query.setOutRefundNo(refundNo);
        assertThat(refunds.queryByOutRefundNo(query).getStatus()).isEqualTo(Status.SUCCESS);
        Refund again = refunds.create(refundOf(transactionId, refundNo, 1_000, 3_000, merchant.url("/wechat/refund-notify")));
        assertThat(again.getRefundId()).as("the same out_refund_no is the same refund").isEqualTo(created.getRefundId());

        assertThatThrownBy(() -> refunds.create(refundOf(transactionId, refundNo.replace("_r1", "_r2"), 2_001, 3_000, "")))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("INVALID_REQUEST"));
        QueryByOutRefundNoRequest unknown = new QueryByOutRefundNoRequest();
        unknown.setOutRefundNo(refundNo.replace("_r1", "_r9"));
        assertThatThrownBy(() -> refunds.queryByOutRefundNo(unknown))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("RESOURCE_NOT_EXISTS"));
    }

    private DefaultAlipayClient alipaySdk() {
        return new DefaultAlipayClient(base + "/sandbox/alipay/gateway.do", PaymentSandbox.ALIPAY_APP_ID,
                Base64.getEncoder().encodeToString(sandbox.alipayAppKeyPair().getPrivate().getEncoded()), "json", "utf-8",
                Base64.getEncoder().encodeToString(sandbox.alipayKeyPair().getPublic().getEncoded()), "RSA2");
    }

    @Test
    void alipaySdkRefundsOnceAndQueriesTheRefundAtTheSandbox() throws Exception {
        DefaultAlipayClient sdk = alipaySdk();
        String no = outTradeNo();
        AlipayTradePrecreateRequest precreate = new AlipayTradePrecreateRequest();
        precreate.setNotifyUrl(merchant.url("/alipay/notify"));
        precreate.setBizContent("{\"out_trade_no\":\"" + no + "\",\"total_amount\":\"30.00\",\"subject\":\"绿茶\","
                + "\"time_expire\":\"" + AlipayTrades.alipayTime(clock.instant().plus(Duration.ofMinutes(30))) + "\"}");
        assertThat(sdk.execute(precreate).isSuccess()).isTrue();
        payAtCashier(no, "ALIPAY");
        String requestNo = no.replace("_1", "_r1");

        AlipayTradeRefundRequest refund = new AlipayTradeRefundRequest();
        refund.setBizContent("{\"out_trade_no\":\"" + no + "\",\"refund_amount\":\"10.00\",\"out_request_no\":\"" + requestNo
                + "\",\"refund_reason\":\"一只杯子碎了\"}");
        AlipayTradeRefundResponse made = sdk.execute(refund);
        assertThat(made.isSuccess()).as(made.getBody()).isTrue();
        assertThat(made.getFundChange()).isEqualTo("Y");
        assertThat(made.getRefundFee()).isEqualTo("10.00");
        AlipayTradeRefundResponse repeated = sdk.execute(refund);
        assertThat(repeated.isSuccess()).isTrue();
        assertThat(repeated.getFundChange()).as("a repeated out_request_no moves no money").isEqualTo("N");
        assertThat(repeated.getRefundFee()).isEqualTo("10.00");

        AlipayTradeFastpayRefundQueryRequest query = new AlipayTradeFastpayRefundQueryRequest();
        query.setBizContent("{\"out_trade_no\":\"" + no + "\",\"out_request_no\":\"" + requestNo + "\"}");
        AlipayTradeFastpayRefundQueryResponse found = sdk.execute(query);
        assertThat(found.isSuccess()).as(found.getBody()).isTrue();
        assertThat(found.getRefundStatus()).isEqualTo("REFUND_SUCCESS");
        assertThat(found.getRefundAmount()).isEqualTo("10.00");
        assertThat(found.getOutRequestNo()).isEqualTo(requestNo);

        AlipayTradeFastpayRefundQueryRequest none = new AlipayTradeFastpayRefundQueryRequest();
        none.setBizContent("{\"out_trade_no\":\"" + no + "\",\"out_request_no\":\"" + no.replace("_1", "_r9") + "\"}");
        AlipayTradeFastpayRefundQueryResponse missing = sdk.execute(none);
        assertThat(missing.isSuccess()).isTrue();
        assertThat(missing.getRefundStatus()).as("no refund under that number").isNull();

        AlipayTradeRefundRequest tooMuch = new AlipayTradeRefundRequest();
        tooMuch.setBizContent("{\"out_trade_no\":\"" + no + "\",\"refund_amount\":\"20.01\",\"out_request_no\":\""
                + no.replace("_1", "_r2") + "\"}");
        AlipayTradeRefundResponse refused = sdk.execute(tooMuch);
        assertThat(refused.isSuccess()).isFalse();
        assertThat(refused.getSubCode()).isEqualTo("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
        server.send("PUT", "/sandbox/control", null, "application/json", "{}", Map.of());
    }
}
