package dev.ordersystem.http;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.http.payment.PaymentChannels;
import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.payment.RsaSignature;
import dev.ordersystem.http.provider.WechatPayTrades;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * wechatpay-java's payment services (the SDK a Java shop would use) against the sandbox provider,
 * end to end: {@code NativePayService} prepays, queries and closes, the SDK signing every request
 * and validating every answer with its own code; {@code JsapiService} prepays and the SDK's
 * {@code requestPayment} signature over the same message verifies as the shop's own does; an answer signed with another
 * key is refused by the SDK.
 */
class WechatpaySdkServicesTest {
    private static final AtomicLong ORDERS = new AtomicLong(System.nanoTime() % 1_000_000);

    private final ShiftedClock clock = new ShiftedClock(); // the SDK checks timestamps against the real clock
    private final PaymentSandbox sandbox = PaymentSandbox.generate(clock);
    private final TestServer server = TestServer.builder().clock(clock).payments(PaymentChannels.sandbox(sandbox)).start();
    private final String base = "http://127.0.0.1:" + server.app().port();
    private final RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder().merchantId(PaymentSandbox.WECHAT_MCH_ID)
            .privateKey(sandbox.wechatMerchantKeyPair().getPrivate()).merchantSerialNumber(sandbox.wechatMerchantSerial())
            .publicKey(sandbox.wechatPlatformKeyPair().getPublic()).publicKeyId(sandbox.wechatSerial()).apiV3Key(sandbox.apiV3Key()).build();
    private final JdkSdkHttpClient http = new JdkSdkHttpClient(config, base);

    @AfterEach
    void stop() {
        server.send("PUT", "/sandbox/control", null, "application/json", "{\"outage\":\"NONE\"}", Map.of());
        server.close();
    }

    private String outTradeNo() {
        return OutTradeNo.of(new OrderNo("20261207" + String.format("%015d", ORDERS.incrementAndGet())), 1).value();
    }

    private PrepayRequest prepay(String outTradeNo, int fen) {
        PrepayRequest request = new PrepayRequest();
        request.setAppid(PaymentSandbox.WECHAT_APP_ID);
        request.setMchid(PaymentSandbox.WECHAT_MCH_ID);
        request.setDescription("绿茶 ×1");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl(base + "/api/v1/payments/wechat/notify");
        request.setTimeExpire(WechatPayTrades.rfc3339(clock.instant().plus(Duration.ofMinutes(30))));
        Amount amount = new Amount();
        amount.setTotal(fen);
        amount.setCurrency("CNY");
        request.setAmount(amount);
        return request;
    }

    private Transaction query(NativePayService service, String outTradeNo) {
        QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
        request.setMchid(PaymentSandbox.WECHAT_MCH_ID);
        request.setOutTradeNo(outTradeNo);
        return service.queryOrderByOutTradeNo(request);
    }

    @Test
    void nativePayServicePrepaysQueriesAndClosesAtTheSandboxValidatingEveryAnswer() throws Exception {
        NativePayService service = new NativePayService.Builder().httpClient(http).build();
        String paidNo = outTradeNo();
        String codeUrl = service.prepay(prepay(paidNo, 1_230)).getCodeUrl();
        assertThat(codeUrl).contains("/sandbox/cashier/" + paidNo);
        assertThat(query(service, paidNo).getTradeState()).hasToString("NOTPAY");

        HttpResponse<String> paid = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/sandbox/cashier/" + paidNo + "/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("channel=WECHAT&amount=exact")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        Transaction transaction = query(service, paidNo);
        assertThat(transaction.getTradeState()).hasToString("SUCCESS");
        assertThat(transaction.getAmount().getTotal()).isEqualTo(1_230);
        assertThat(transaction.getTransactionId()).isNotBlank();
        assertThat(transaction.getSuccessTime()).isNotBlank();

        String closedNo = outTradeNo();
        service.prepay(prepay(closedNo, 500));
        CloseOrderRequest close = new CloseOrderRequest();
        close.setMchid(PaymentSandbox.WECHAT_MCH_ID);
        close.setOutTradeNo(closedNo);
        service.closeOrder(close);
        assertThat(query(service, closedNo).getTradeState()).hasToString("CLOSED");
    }

    @Test
    void theSdksRequestPaymentSignatureVerifiesWithTheMerchantKeyAsTheShopsDoes() {
        // JsapiServiceExtension builds an okhttp client of its own; JsapiService takes ours, and the SDK's signer signs as the extension would.
        JsapiService service = new JsapiService.Builder().httpClient(http).build();
        com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest request = new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
        request.setAppid(PaymentSandbox.WECHAT_APP_ID);
        request.setMchid(PaymentSandbox.WECHAT_MCH_ID);
        request.setDescription("tea");
        request.setOutTradeNo(outTradeNo());
        request.setNotifyUrl(base + "/api/v1/payments/wechat/notify");
        com.wechat.pay.java.service.payments.jsapi.model.Amount amount = new com.wechat.pay.java.service.payments.jsapi.model.Amount();
        amount.setTotal(990);
        request.setAmount(amount);
        Payer payer = new Payer();
        payer.setOpenid("o-sdk-openid");
        request.setPayer(payer);
        String prepayId = service.prepay(request).getPrepayId();
        assertThat(prepayId).startsWith("wx");
        String timeStamp = Long.toString(clock.instant().getEpochSecond());
        String packageValue = "prepay_id=" + prepayId;
        String sdkMessage = PaymentSandbox.WECHAT_APP_ID + "\n" + timeStamp + "\n" + "5K8264ILTKCH16CQ2502SI8ZNMTM67VS" + "\n" + packageValue + "\n";
        String paySign = config.createSigner().sign(sdkMessage).getSign();
        byte[] ours = WechatPayTrades.paySignMessage(PaymentSandbox.WECHAT_APP_ID, timeStamp, "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", packageValue);
        assertThat(new String(ours, StandardCharsets.UTF_8)).isEqualTo(sdkMessage);
        assertThat(RsaSignature.verifies(sandbox.wechatMerchantKeyPair().getPublic(), ours, paySign)).isTrue();
    }

    @Test
    void theSdkRefusesAnAnswerSignedWithAnotherKey() {
        NativePayService service = new NativePayService.Builder().httpClient(http).build();
        server.send("PUT", "/sandbox/control", null, "application/json", "{\"outage\":\"BAD_SIGNATURE\"}", Map.of());
        assertThatThrownBy(() -> service.prepay(prepay(outTradeNo(), 100))).isInstanceOf(ValidationException.class);
    }
}
