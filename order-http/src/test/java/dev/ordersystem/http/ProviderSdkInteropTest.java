package dev.ordersystem.http;

import com.alipay.api.internal.util.AlipaySignature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.RSASigner;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.http.TestServer.Reply;
import dev.ordersystem.http.WechatPayProvider.Delivery;
import dev.ordersystem.http.payment.PaymentChannels;
import dev.ordersystem.http.payment.PaymentSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Interoperability with the providers' official Java SDKs (test scope only): what the SDKs
 * produce with their own signing/encryption helpers, and accept with their own verifiers, is what
 * our notify routes accept — and what our sandbox emits passes the SDKs' verifiers.
 */
class ProviderSdkInteropTest {
    private final Clock clock = Clock.systemUTC(); // the WeChat SDK checks timestamps against the real clock
    private final PaymentSandbox sandbox = PaymentSandbox.generate(clock);
    private final TestServer server = TestServer.builder().clock(clock).payments(PaymentChannels.sandbox(sandbox)).start();
    private final ShopSteps shop = new ShopSteps(server);
    private final long tea = shop.product("Green tea", 1_000, 50);

    @AfterEach
    void stop() {
        server.close();
    }

    private NotificationParser wechatSdkParser() {
        return new NotificationParser(new RSAPublicKeyNotificationConfig.Builder()
                .publicKey(sandbox.wechatPlatformKeyPair().getPublic()).publicKeyId(sandbox.wechatSerial())
                .apiV3Key(sandbox.apiV3Key()).build());
    }

    private static RequestParam sdkParam(Map<String, String> headers, String body) {
        return new RequestParam.Builder().serialNumber(headers.get("Wechatpay-Serial")).timestamp(headers.get("Wechatpay-Timestamp"))
                .nonce(headers.get("Wechatpay-Nonce")).signature(headers.get("Wechatpay-Signature"))
                .signType("WECHATPAY2-SHA256-RSA2048").body(body).build();
    }

    private String pending(String method) {
        return shop.placed(shop.buyer(), tea, 1, method).get("orderNo").asText();
    }

    private OrderStatus status(String orderNo) {
        return server.system.viewOrders().any(new OrderNo(orderNo)).status();
    }

    @Test
    void aWechatNotificationBuiltWithTheSdkAndAcceptedByItsParserIsAcceptedByOurRoute() {
        String orderNo = pending("WECHAT");
        WechatPayProvider transactions = new WechatPayProvider(clock);
        String plaintext = transactions.transaction(orderNo, "4200000001" + System.nanoTime(), 1_000,
                PaymentSandbox.WECHAT_MCH_ID, PaymentSandbox.WECHAT_APP_ID, "SUCCESS");
        String resourceNonce = UUID.randomUUID().toString().substring(0, 12);
        String ciphertext = new AeadAesCipher(sandbox.apiV3Key().getBytes(StandardCharsets.UTF_8)).encrypt(
                "transaction".getBytes(StandardCharsets.UTF_8), resourceNonce.getBytes(StandardCharsets.UTF_8),
                plaintext.getBytes(StandardCharsets.UTF_8));
        ObjectNode body = TestServer.JSON.createObjectNode().put("id", "EV-" + UUID.randomUUID()).put("create_time", "2026-05-01T16:00:00+08:00")
                .put("resource_type", "encrypt-resource").put("event_type", "TRANSACTION.SUCCESS").put("summary", "支付成功");
        body.putObject("resource").put("original_type", "transaction").put("algorithm", "AEAD_AES_256_GCM")
                .put("ciphertext", ciphertext).put("associated_data", "transaction").put("nonce", resourceNonce);
        String text = body.toString();
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = UUID.randomUUID().toString().replace("-", "");
        String signature = new RSASigner(sandbox.wechatSerial(), sandbox.wechatPlatformKeyPair().getPrivate())
                .sign(timestamp + "\n" + nonce + "\n" + text + "\n").getSign();
        Map<String, String> headers = Map.of("Wechatpay-Serial", sandbox.wechatSerial(), "Wechatpay-Timestamp", timestamp,
                "Wechatpay-Nonce", nonce, "Wechatpay-Signature", signature);

        Map<?, ?> parsed = wechatSdkParser().parse(sdkParam(headers, text), Map.class);
        assertThat(parsed.get("out_trade_no")).isEqualTo(orderNo);

        Reply reply = PaymentNotifyTest.deliver(server, new Delivery(headers, text));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
        assertThat(status(orderNo)).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void whatTheSandboxEmitsForWechatPassesTheSdkParserAndTamperingFailsBoth() {
        String orderNo = pending("WECHAT");
        PaymentSandbox.WechatDelivery delivery = sandbox.wechatPayment(new OrderNo(orderNo), 1_000, "CNY", sandbox.tradeNo());
        Map<String, String> headers = Map.of("Wechatpay-Serial", delivery.headers().serial(),
                "Wechatpay-Timestamp", delivery.headers().timestamp(), "Wechatpay-Nonce", delivery.headers().nonce(),
                "Wechatpay-Signature", delivery.headers().signature());

        Map<?, ?> parsed = wechatSdkParser().parse(sdkParam(headers, delivery.body()), Map.class);
        assertThat(parsed.get("out_trade_no")).isEqualTo(orderNo);
        assertThat(parsed.get("trade_state")).isEqualTo("SUCCESS");
        assertThat(((Map<?, ?>) parsed.get("amount")).get("total")).isEqualTo(1000.0); // gson reads numbers as double

        String tampered = delivery.body().replace("TRANSACTION.SUCCESS", "TRANSACTION.SUCCES5");
        assertThatThrownBy(() -> wechatSdkParser().parse(sdkParam(headers, tampered), Map.class)).isInstanceOf(RuntimeException.class);
        assertThat(PaymentNotifyTest.deliver(server, new Delivery(headers, tampered)).status()).isEqualTo(401);
        assertThat(status(orderNo)).isEqualTo(OrderStatus.PENDING_PAYMENT);

        assertThat(PaymentNotifyTest.deliver(server, new Delivery(headers, delivery.body())).status()).isEqualTo(204);
        assertThat(status(orderNo)).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void anAlipayNotificationSignedWithTheSdkIsAcceptedByOurRoute() throws Exception {
        String orderNo = pending("ALIPAY");
        KeyPair alipayKeys = sandbox.alipayKeyPair();
        Map<String, String> fields = new LinkedHashMap<>(new AlipayProvider().fields(orderNo, "2026050122001" + System.nanoTime(), "10.00", "TRADE_SUCCESS"));
        fields.put("app_id", PaymentSandbox.ALIPAY_APP_ID);
        fields.put("seller_id", PaymentSandbox.ALIPAY_SELLER_ID);
        String privateKey = Base64.getEncoder().encodeToString(alipayKeys.getPrivate().getEncoded());
        String publicKey = Base64.getEncoder().encodeToString(alipayKeys.getPublic().getEncoded());
        fields.put("sign_type", "RSA2");
        fields.put("sign", AlipaySignature.rsa256Sign(AlipaySignature.getSignCheckContentV1(fields), privateKey, "utf-8"));
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(fields), publicKey, "utf-8", "RSA2")).isTrue();

        Reply reply = PaymentNotifyTest.deliver(server, AlipayProvider.encode(fields));
        assertThat(reply.text()).as(reply.toString()).isEqualTo("success");
        assertThat(status(orderNo)).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void whatTheSandboxEmitsForAlipayPassesTheSdkVerifierAndTamperingFailsBoth() throws Exception {
        String orderNo = pending("ALIPAY");
        String form = sandbox.alipayPayment(new OrderNo(orderNo), 1_000, sandbox.tradeNo());
        String publicKey = Base64.getEncoder().encodeToString(sandbox.alipayKeyPair().getPublic().getEncoded());
        assertThat(AlipaySignature.rsaCheckV1(decode(form), publicKey, "utf-8", "RSA2")).isTrue();

        String tampered = form.replace("total_amount=10.00", "total_amount=0.01");
        assertThat(AlipaySignature.rsaCheckV1(decode(tampered), publicKey, "utf-8", "RSA2")).isFalse();
        assertThat(PaymentNotifyTest.deliver(server, tampered).text()).isEqualTo("failure");
        assertThat(status(orderNo)).isEqualTo(OrderStatus.PENDING_PAYMENT);

        assertThat(PaymentNotifyTest.deliver(server, form).text()).isEqualTo("success");
        assertThat(status(orderNo)).isEqualTo(OrderStatus.PAID);
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return fields;
    }
}
