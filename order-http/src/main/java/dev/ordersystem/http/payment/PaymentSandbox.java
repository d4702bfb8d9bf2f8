package dev.ordersystem.http.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersystem.core.domain.OrderNo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Local stand-in for both providers: key pairs and an APIv3 key made up in memory at start, and
 * notifications signed (and for WeChat encrypted) exactly as the providers do, so the whole pay
 * flow runs on a laptop. Never used with real keys (the app refuses that at start).
 */
public final class PaymentSandbox {
    public static final String WECHAT_MCH_ID = "1900000001";
    public static final String WECHAT_APP_ID = "wxsandbox00000001";
    public static final String ALIPAY_APP_ID = "2021000000000001";
    public static final String ALIPAY_SELLER_ID = "2088000000000001";
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecureRandom random = new SecureRandom();
    private final KeyPair wechatPlatform;
    private final String wechatSerial;
    private final String apiV3Key;
    private final KeyPair alipay;
    private final KeyPair wechatMerchant;
    private final String wechatMerchantSerial;
    private final KeyPair alipayApp;
    private final Clock clock;

    private PaymentSandbox(Clock clock) {
        this.clock = clock;
        this.wechatPlatform = rsa2048();
        this.alipay = rsa2048();
        this.wechatSerial = HexFormat.of().withUpperCase().formatHex(bytes(20));
        this.apiV3Key = randomText(32);
        // The merchant's side too: what the shop signs its provider requests with, checked by the sandbox provider.
        this.wechatMerchant = rsa2048();
        this.wechatMerchantSerial = HexFormat.of().withUpperCase().formatHex(bytes(20));
        this.alipayApp = rsa2048();
    }

    private PaymentSandbox(Clock clock, SandboxKeyFiles.Keys keys) {
        this.clock = clock;
        this.wechatPlatform = keys.wechatPlatform();
        this.alipay = keys.alipay();
        this.wechatSerial = keys.wechatSerial();
        this.apiV3Key = keys.apiV3Key();
        this.wechatMerchant = keys.wechatMerchant();
        this.wechatMerchantSerial = keys.wechatMerchantSerial();
        this.alipayApp = keys.alipayApp();
    }

    /** Fresh keys for this run. */
    public static PaymentSandbox generate(Clock clock) {
        return new PaymentSandbox(clock);
    }

    /**
     * The keys kept in {@code dir} (see {@link SandboxKeyFiles}), made and written there first when
     * it holds none: every process that opens the same directory (a standalone sandbox provider,
     * the shops configured against it, a test driver) signs and verifies with the same keys.
     */
    public static PaymentSandbox inDirectory(java.nio.file.Path dir, Clock clock) {
        SandboxKeyFiles files = new SandboxKeyFiles(dir);
        if (!files.present()) files.write(keysOf(new PaymentSandbox(clock)));
        return new PaymentSandbox(clock, files.read());
    }

    private static SandboxKeyFiles.Keys keysOf(PaymentSandbox sandbox) {
        return new SandboxKeyFiles.Keys(sandbox.wechatPlatform, sandbox.wechatSerial, sandbox.apiV3Key, sandbox.alipay,
                sandbox.wechatMerchant, sandbox.wechatMerchantSerial, sandbox.alipayApp);
    }

    public WechatPayKeys wechatKeys() {
        return WechatPayKeys.of(WECHAT_MCH_ID, WECHAT_APP_ID, apiV3Key, Map.of(wechatSerial, wechatPlatform.getPublic()));
    }

    public AlipayKeys alipayKeys() {
        return new AlipayKeys(ALIPAY_APP_ID, alipay.getPublic(), Optional.of(ALIPAY_SELLER_ID));
    }

    /** The WeChat platform key pair (its private half signs what the sandbox emits). */
    public KeyPair wechatPlatformKeyPair() {
        return wechatPlatform;
    }

    public String wechatSerial() {
        return wechatSerial;
    }

    public String apiV3Key() {
        return apiV3Key;
    }

    /** The Alipay key pair (its private half signs what the sandbox emits). */
    public KeyPair alipayKeyPair() {
        return alipay;
    }

    /** The merchant's API key pair (its private half signs the shop's WeChat Pay requests). */
    public KeyPair wechatMerchantKeyPair() {
        return wechatMerchant;
    }

    /** The serial number of the merchant's API certificate, named in every request's Authorization. */
    public String wechatMerchantSerial() {
        return wechatMerchantSerial;
    }

    /** The app's key pair (its private half signs the shop's Alipay requests and pay addresses). */
    public KeyPair alipayAppKeyPair() {
        return alipayApp;
    }

    /** A delivery as WeChat sends it: the four {@code Wechatpay-*} headers and the JSON body. */
    public record WechatDelivery(WechatNotifications.Headers headers, String body) {
    }

    /** A {@code TRADE_SUCCESS} payment notification for {@code orderNo}, amount in fen. */
    public WechatDelivery wechatPayment(OrderNo orderNo, long fen, String currency, String transactionId) {
        ObjectNode transaction = JSON.createObjectNode().put("mchid", WECHAT_MCH_ID).put("appid", WECHAT_APP_ID)
                .put("out_trade_no", orderNo.value()).put("transaction_id", transactionId).put("trade_type", "NATIVE")
                .put("trade_state", "SUCCESS").put("trade_state_desc", "sandbox payment").put("bank_type", "OTHERS")
                .put("attach", "").put("success_time", rfc3339(clock.instant()));
        transaction.putObject("payer").put("openid", "sandbox-openid");
        transaction.putObject("amount").put("total", fen).put("payer_total", fen).put("currency", currency).put("payer_currency", currency);
        return wechatNotification(transaction.toString());
    }

    /**
     * The {@code TRANSACTION.SUCCESS} notification of a transaction (its JSON as a query answers
     * it): the resource encrypted with the APIv3 key, the body signed with the platform key.
     */
    public WechatDelivery wechatNotification(String transactionJson) {
        return wechatNotification("TRANSACTION.SUCCESS", "transaction", "payment succeeded", transactionJson);
    }

    /**
     * A refund notification ({@code REFUND.SUCCESS}, {@code REFUND.ABNORMAL}, {@code REFUND.CLOSED}) of a
     * refund (its JSON as the refund notification's resource carries it), encrypted and signed alike.
     */
    public WechatDelivery wechatRefundNotification(String eventType, String refundJson) {
        return wechatNotification(eventType, "refund", "refund " + eventType.substring("REFUND.".length()).toLowerCase(), refundJson);
    }

    private WechatDelivery wechatNotification(String eventType, String originalType, String summary, String resourceJson) {
        String transactionJson = resourceJson;
        Instant now = clock.instant();
        String resourceNonce = randomText(12);
        String associatedData = originalType;
        String ciphertext = new ResourceCipher(apiV3Key.getBytes(StandardCharsets.UTF_8))
                .encrypt(associatedData, resourceNonce, transactionJson);
        ObjectNode body = JSON.createObjectNode().put("id", "EV-" + randomText(20)).put("create_time", rfc3339(now))
                .put("resource_type", "encrypt-resource").put("event_type", eventType).put("summary", summary);
        body.putObject("resource").put("original_type", originalType).put("algorithm", "AEAD_AES_256_GCM")
                .put("ciphertext", ciphertext).put("associated_data", associatedData).put("nonce", resourceNonce);
        String text = body.toString();
        String timestamp = Long.toString(now.getEpochSecond());
        String nonce = randomText(32);
        String signature = RsaSignature.sign(wechatPlatform.getPrivate(),
                WechatNotifications.message(timestamp, nonce, text.getBytes(StandardCharsets.UTF_8)));
        return new WechatDelivery(new WechatNotifications.Headers(wechatSerial, timestamp, nonce, signature), text);
    }

    /** A {@code TRADE_SUCCESS} async notification for {@code orderNo} as a form body, amount in fen. */
    public String alipayPayment(OrderNo orderNo, long fen, String tradeNo) {
        String now = AlipayNotifications.TIME.format(clock.instant().atZone(AlipayNotifications.ALIPAY_TIME));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("notify_time", now);
        fields.put("notify_type", "trade_status_sync");
        fields.put("notify_id", randomText(32));
        fields.put("charset", "utf-8");
        fields.put("version", "1.0");
        fields.put("app_id", ALIPAY_APP_ID);
        fields.put("seller_id", ALIPAY_SELLER_ID);
        fields.put("trade_no", tradeNo);
        fields.put("out_trade_no", orderNo.value());
        fields.put("trade_status", "TRADE_SUCCESS");
        fields.put("total_amount", YuanAmount.ofFen(fen));
        fields.put("receipt_amount", YuanAmount.ofFen(fen));
        fields.put("subject", "订单 " + orderNo.value());
        fields.put("gmt_create", now);
        fields.put("gmt_payment", now);
        return signedAlipayForm(fields, alipay.getPrivate());
    }

    /** Signs {@code fields} as Alipay does (RSA2) and encodes them as a form body. */
    public static String signedAlipayForm(Map<String, String> fields, PrivateKey key) {
        Map<String, String> signed = new LinkedHashMap<>(fields);
        signed.put("sign_type", "RSA2");
        signed.put("sign", RsaSignature.sign(key, FormFields.signedContent(fields).getBytes(StandardCharsets.UTF_8)));
        return signed.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A fresh trade number in the provider's style (digits, 28 for WeChat, 28 for Alipay). */
    public String tradeNo() {
        StringBuilder digits = new StringBuilder("4200");
        while (digits.length() < 28) digits.append(random.nextInt(10));
        return digits.toString();
    }

    /** The fields of an Alipay async notification, signed RSA2 with the Alipay key, as a form body. */
    public String alipayNotification(Map<String, String> fields) {
        return signedAlipayForm(fields, alipay.getPrivate());
    }

    private static String rfc3339(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.ofHours(8)).withNano(0));
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) text.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        return text.toString();
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A fresh RSA-2048 key pair, as every key of the sandbox is. */
    public static KeyPair rsa2048() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no RSA in this JDK", e);
        }
    }
}
