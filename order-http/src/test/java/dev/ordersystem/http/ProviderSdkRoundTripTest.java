package dev.ordersystem.http;

import com.alipay.api.AlipayApiException;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.wechat.pay.java.core.auth.WechatPay2Credential;
import com.wechat.pay.java.core.auth.WechatPay2Validator;
import com.wechat.pay.java.core.cipher.RSASigner;
import com.wechat.pay.java.core.cipher.RSAVerifier;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentScene;
import dev.ordersystem.core.port.provider.NewTrade;
import dev.ordersystem.core.port.provider.PayLink;
import dev.ordersystem.core.port.provider.TradeOpened;
import dev.ordersystem.core.port.provider.TradeRef;
import dev.ordersystem.http.payment.FormFields;
import dev.ordersystem.http.payment.PaymentChannels;
import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.provider.AlipayTrades;
import dev.ordersystem.http.provider.ProviderTimeouts;
import dev.ordersystem.http.provider.WechatPayTrades;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sandbox provider and the shop's clients against the providers' official Java SDKs, both
 * ways (DESIGN §13): alipay-sdk-java's {@code DefaultAlipayClient} creates, queries and closes
 * trades at the sandbox gateway and accepts its answers' signatures; the shop's Alipay requests
 * verify with {@code AlipaySignature}; wechatpay-java signs requests the sandbox accepts and
 * validates the sandbox's signed answers; the JSAPI {@code paySign} verifies with its verifier.
 */
class ProviderSdkRoundTripTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final AtomicLong ORDERS = new AtomicLong(System.nanoTime() % 1_000_000);

    private final ShiftedClock clock = new ShiftedClock(); // the SDKs check timestamps against the real clock
    private final PaymentSandbox sandbox = PaymentSandbox.generate(clock);
    private final TestServer server = TestServer.builder().clock(clock).payments(PaymentChannels.sandbox(sandbox)).start();
    private final String base = "http://127.0.0.1:" + server.app().port();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.send("PUT", "/sandbox/control", null, "application/json", "{\"outage\":\"NONE\"}", Map.of());
        server.close();
    }

    private String outTradeNo() {
        return OutTradeNo.of(new OrderNo("20261207" + String.format("%015d", ORDERS.incrementAndGet())), 1).value();
    }

    private DefaultAlipayClient alipaySdk() {
        return new DefaultAlipayClient(base + "/sandbox/alipay/gateway.do", PaymentSandbox.ALIPAY_APP_ID,
                Base64.getEncoder().encodeToString(sandbox.alipayAppKeyPair().getPrivate().getEncoded()), "json", "utf-8",
                Base64.getEncoder().encodeToString(sandbox.alipayKeyPair().getPublic().getEncoded()), "RSA2");
    }

    private static String biz(String outTradeNo) {
        return "{\"out_trade_no\":\"" + outTradeNo + "\"}";
    }

    @Test
    void alipaySdkCreatesQueriesAndClosesATradeAtTheSandboxAndAcceptsItsSignatures() throws Exception {
        DefaultAlipayClient sdk = alipaySdk();
        String no = outTradeNo();
        AlipayTradePrecreateRequest precreate = new AlipayTradePrecreateRequest();
        precreate.setNotifyUrl(base + "/api/v1/payments/alipay/notify");
        precreate.setBizContent("{\"out_trade_no\":\"" + no + "\",\"total_amount\":\"12.30\",\"subject\":\"绿茶\","
                + "\"time_expire\":\"" + AlipayTrades.alipayTime(clock.instant().plus(Duration.ofMinutes(30))) + "\"}");
        AlipayTradePrecreateResponse created = sdk.execute(precreate);
        assertThat(created.isSuccess()).as(created.getBody()).isTrue();
        assertThat(created.getOutTradeNo()).isEqualTo(no);
        assertThat(created.getQrCode()).contains("/sandbox/cashier/" + no);

        AlipayTradeQueryRequest query = new AlipayTradeQueryRequest();
        query.setBizContent(biz(no));
        AlipayTradeQueryResponse waiting = sdk.execute(query);
        assertThat(waiting.isSuccess()).as(waiting.getBody()).isTrue();
        assertThat(waiting.getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
        assertThat(waiting.getTotalAmount()).isEqualTo("12.30");

        AlipayTradeCloseRequest close = new AlipayTradeCloseRequest();
        close.setBizContent(biz(no));
        AlipayTradeCloseResponse closed = sdk.execute(close);
        assertThat(closed.isSuccess()).as(closed.getBody()).isTrue();
        assertThat(sdk.execute(query).getTradeStatus()).isEqualTo("TRADE_CLOSED");

        AlipayTradeQueryRequest unknown = new AlipayTradeQueryRequest();
        unknown.setBizContent(biz(outTradeNo()));
        AlipayTradeQueryResponse missing = sdk.execute(unknown);
        assertThat(missing.isSuccess()).isFalse();
        assertThat(missing.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void alipaySdkRefusesAnAnswerTheSandboxSignedWithAnotherKey() {
        server.send("PUT", "/sandbox/control", null, "application/json", "{\"outage\":\"BAD_SIGNATURE\"}", Map.of());
        AlipayTradeQueryRequest query = new AlipayTradeQueryRequest();
        query.setBizContent(biz(outTradeNo()));
        assertThatThrownBy(() -> alipaySdk().execute(query)).isInstanceOf(AlipayApiException.class).hasMessageContaining("sign check fail");
    }

    @Test
    void alipaySdkPagePayAddressOpensTheSandboxCashier() throws Exception {
        String no = outTradeNo();
        AlipayTradePagePayRequest page = new AlipayTradePagePayRequest();
        page.setNotifyUrl(base + "/api/v1/payments/alipay/notify");
        page.setBizContent("{\"out_trade_no\":\"" + no + "\",\"total_amount\":\"5.00\",\"subject\":\"tea\","
                + "\"product_code\":\"FAST_INSTANT_TRADE_PAY\"}");
        String address = alipaySdk().pageExecute(page, "GET").getBody();
        HttpResponse<String> opened = http.send(HttpRequest.newBuilder(URI.create(address)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(302);
        assertThat(opened.headers().firstValue("Location").orElseThrow()).contains("/sandbox/cashier/" + no);
    }

    @Test
    void theShopsAlipayRequestsAndPayAddressesVerifyWithAlipaySignature() throws Exception {
        try (NotifyReceiver gateway = new NotifyReceiver(200)) {
            AlipayTrades shop = SandboxMerchant.alipay(sandbox, "unused", base + "/notify", ProviderTimeouts.defaults(), clock);
            AlipayTrades toReceiver = SandboxMerchant.alipay(sandbox, "unused", base + "/notify", ProviderTimeouts.defaults(), clock,
                    URI.create(gateway.url("/gateway.do")));
            toReceiver.query(new TradeRef(PaymentChannel.ALIPAY, new OutTradeNo(outTradeNo()))); // its empty answer is a failure; what counts is what it received
            Map<String, String> sent = FormFields.parse(gateway.next().body().getBytes(StandardCharsets.UTF_8));
            assertThat(sent).containsKeys("app_id", "method", "charset", "sign_type", "timestamp", "version", "biz_content", "sign");
            // rsaCheckV2, not V1: a request's signature covers sign_type too (the SDK's own requests do, and the
            // gateway checks them so); V1 leaves sign_type out, which is the rule for notifications, not requests.
            assertThat(AlipaySignature.rsaCheckV2(new HashMap<>(sent), publicKey(), "utf-8", "RSA2"))
                    .as("a request verifies as Alipay's gateway checks it: every parameter but sign").isTrue();
            Map<String, String> tampered = new HashMap<>(sent);
            tampered.put("biz_content", "{\"out_trade_no\":\"20261207000000000000001_1\"}");
            assertThat(AlipaySignature.rsaCheckV2(tampered, publicKey(), "utf-8", "RSA2")).isFalse();

            NewTrade trade = new NewTrade(PaymentScene.PAGE, new OutTradeNo(outTradeNo()), Money.of(990, CNY), "tea",
                    clock.instant().plus(Duration.ofMinutes(30)), Optional.empty(), Optional.empty());
            String payUrl = ((PayLink.PayUrl) ((TradeOpened) shop.create(trade)).payment()).payUrl();
            Map<String, String> query = new HashMap<>();
            for (String pair : URI.create(payUrl).getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            assertThat(AlipaySignature.rsaCheckV2(query, publicKey(), "utf-8", "RSA2")).isTrue();
            assertThat(query.get("biz_content")).contains("\"total_amount\":\"9.90\"", "\"time_expire\":\"");
        }
    }

    private String publicKey() {
        return Base64.getEncoder().encodeToString(sandbox.alipayAppKeyPair().getPublic().getEncoded());
    }

    @Test
    void wechatpaySdkSignsRequestsTheSandboxAcceptsAndValidatesTheSandboxsSignedAnswers() throws Exception {
        WechatPay2Credential credential = new WechatPay2Credential(PaymentSandbox.WECHAT_MCH_ID,
                new RSASigner(sandbox.wechatMerchantSerial(), sandbox.wechatMerchantKeyPair().getPrivate()));
        WechatPay2Validator validator = new WechatPay2Validator(new RSAVerifier(sandbox.wechatPlatformKeyPair().getPublic(), sandbox.wechatSerial()));
        String no = outTradeNo();
        String body = "{\"appid\":\"" + PaymentSandbox.WECHAT_APP_ID + "\",\"mchid\":\"" + PaymentSandbox.WECHAT_MCH_ID
                + "\",\"description\":\"绿茶\",\"out_trade_no\":\"" + no + "\",\"notify_url\":\"" + base + "/api/v1/payments/wechat/notify\","
                + "\"time_expire\":\"" + WechatPayTrades.rfc3339(clock.instant().plus(Duration.ofMinutes(30))) + "\",\"amount\":{\"total\":1230,\"currency\":\"CNY\"}}";
        HttpResponse<String> created = wechat(credential, "POST", "/v3/pay/transactions/native", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(validator.validate(sdkHeaders(created), created.body())).isTrue();
        assertThat(TestServer.JSON.readTree(created.body()).path("code_url").asText()).contains("/sandbox/cashier/" + no);

        HttpResponse<String> queried = wechat(credential, "GET", "/v3/pay/transactions/out-trade-no/" + no + "?mchid=" + PaymentSandbox.WECHAT_MCH_ID, "");
        assertThat(queried.statusCode()).as(queried.body()).isEqualTo(200);
        assertThat(validator.validate(sdkHeaders(queried), queried.body())).isTrue();
        assertThat(TestServer.JSON.readTree(queried.body()).path("trade_state").asText()).isEqualTo("NOTPAY");

        HttpResponse<String> closed = wechat(credential, "POST", "/v3/pay/transactions/out-trade-no/" + no + "/close",
                "{\"mchid\":\"" + PaymentSandbox.WECHAT_MCH_ID + "\"}");
        assertThat(closed.statusCode()).isEqualTo(204);
        assertThat(validator.validate(sdkHeaders(closed), closed.body())).as("an empty 204 is signed too").isTrue();

        // A request the SDK signed, then changed in transit, is refused.
        String authorization = credential.getAuthorization(URI.create("https://api.mch.weixin.qq.com/v3/pay/transactions/native"), "POST", body);
        HttpResponse<String> tampered = http.send(HttpRequest.newBuilder(URI.create(base + "/sandbox/wechatpay/v3/pay/transactions/native"))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("1230", "1"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(tampered.body()).contains("SIGN_ERROR");

        server.send("PUT", "/sandbox/control", null, "application/json", "{\"outage\":\"BAD_SIGNATURE\"}", Map.of());
        HttpResponse<String> forged = wechat(credential, "GET", "/v3/pay/transactions/out-trade-no/" + no + "?mchid=" + PaymentSandbox.WECHAT_MCH_ID, "");
        assertThat(validator.validate(sdkHeaders(forged), forged.body())).as("signed with another key").isFalse();
    }

    @Test
    void theJsapiPaySignVerifiesWithTheWechatpaySdkVerifier() {
        WechatPayTrades shop = SandboxMerchant.wechat(sandbox, base, base + "/api/v1/payments/wechat/notify", ProviderTimeouts.defaults(), clock);
        NewTrade trade = new NewTrade(PaymentScene.JSAPI, new OutTradeNo(outTradeNo()), Money.of(4_200, CNY), "tea",
                clock.instant().plus(Duration.ofMinutes(30)), Optional.of("o-buyer-openid"), Optional.empty());
        PayLink.JsapiPrepay prepay = (PayLink.JsapiPrepay) ((TradeOpened) shop.create(trade)).payment();
        String message = prepay.params().appId() + "\n" + prepay.params().timeStamp() + "\n" + prepay.params().nonceStr() + "\n"
                + prepay.params().packageValue() + "\n";
        RSAVerifier verifier = new RSAVerifier(sandbox.wechatMerchantKeyPair().getPublic(), sandbox.wechatMerchantSerial());
        assertThat(verifier.verify(sandbox.wechatMerchantSerial(), message, prepay.params().paySign())).isTrue();
        assertThat(verifier.verify(sandbox.wechatMerchantSerial(), message.replace("prepay_id=", "prepay_id=x"), prepay.params().paySign())).isFalse();
    }

    /** Sends a request signed by the SDK's credential over the API path, to the sandbox mounted at {@code /sandbox/wechatpay}. */
    private HttpResponse<String> wechat(WechatPay2Credential credential, String method, String apiPath, String body) throws Exception {
        String authorization = credential.getAuthorization(URI.create("https://api.mch.weixin.qq.com" + apiPath), method, body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/sandbox/wechatpay" + apiPath))
                .header("Authorization", authorization).header("Accept", "application/json");
        request = "GET".equals(method) ? request.GET()
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static com.wechat.pay.java.core.http.HttpHeaders sdkHeaders(HttpResponse<String> response) {
        com.wechat.pay.java.core.http.HttpHeaders headers = new com.wechat.pay.java.core.http.HttpHeaders();
        for (String name : new String[]{"Wechatpay-Serial", "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Request-ID"}) {
            response.headers().firstValue(name).ifPresent(value -> headers.addHeader(name, value));
        }
        return headers;
    }
}
