package dev.ordersystem.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersystem.http.payment.WechatPayKeys;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * WeChat Pay's side in tests, written from the v3 documentation with plain JDK crypto (not with
 * the production classes): a platform key pair, an APIv3 key, signed and encrypted notifications.
 */
final class WechatPayProvider {
    static final String MCH_ID = "1230000109";
    static final String APP_ID = "wxd678efh567hg6787";

    final KeyPair platform = rsa();
    final String serial = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    final String apiV3Key = "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6";
    private final Clock clock;

    WechatPayProvider(Clock clock) {
        this.clock = clock;
    }

    WechatPayKeys keys() {
        return WechatPayKeys.of(MCH_ID, APP_ID, apiV3Key, Map.of(serial, platform.getPublic()));
    }

    /** The decrypted resource of a payment notification. */
    String transaction(String orderNo, String tradeNo, long total, String mchId, String appId, String state) {
        return transaction(orderNo, tradeNo, total, "CNY", mchId, appId, state);
    }

    String transaction(String orderNo, String tradeNo, long total, String currency, String mchId, String appId, String state) {
        ObjectNode node = TestServer.JSON.createObjectNode().put("mchid", mchId).put("appid", appId)
                .put("out_trade_no", orderNo).put("transaction_id", tradeNo).put("trade_type", "JSAPI")
                .put("trade_state", state).put("trade_state_desc", "支付成功").put("bank_type", "CMC").put("attach", "")
                .put("success_time", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.ofHours(8)).withNano(0).toString());
        node.putObject("payer").put("openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        node.putObject("amount").put("total", total).put("payer_total", total).put("currency", currency).put("payer_currency", currency);
        return node.toString();
    }

    String transaction(String orderNo, String tradeNo, long total) {
        return transaction(orderNo, tradeNo, total, MCH_ID, APP_ID, "SUCCESS");
    }

    /** The notification body around an encrypted resource. */
    String body(String plaintext, String key) {
        String nonce = UUID.randomUUID().toString().substring(0, 12);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"),
                    new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
            cipher.updateAAD("transaction".getBytes(StandardCharsets.UTF_8));
            String ciphertext = Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
            ObjectNode body = TestServer.JSON.createObjectNode().put("id", "EV-" + UUID.randomUUID())
                    .put("create_time", "2026-05-01T16:00:00+08:00").put("resource_type", "encrypt-resource")
                    .put("event_type", "TRANSACTION.SUCCESS").put("summary", "支付成功");
            body.putObject("resource").put("original_type", "transaction").put("algorithm", "AEAD_AES_256_GCM")
                    .put("ciphertext", ciphertext).put("associated_data", "transaction").put("nonce", nonce);
            return body.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String body(String plaintext) {
        return body(plaintext, apiV3Key);
    }

    record Delivery(Map<String, String> headers, String body) {
        Delivery withBody(String other) {
            return new Delivery(headers, other);
        }
    }

    Delivery sign(String body, long timestamp, PrivateKey key, String serial) {
        String nonce = UUID.randomUUID().toString().replace("-", "");
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update((timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
            String signature = Base64.getEncoder().encodeToString(signer.sign());
            return new Delivery(Map.of("Wechatpay-Serial", serial, "Wechatpay-Timestamp", Long.toString(timestamp),
                    "Wechatpay-Nonce", nonce, "Wechatpay-Signature", signature,
                    "Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048"), body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    Delivery sign(String body) {
        return sign(body, clock.instant().getEpochSecond(), platform.getPrivate(), serial);
    }

    Delivery payment(String orderNo, String tradeNo, long total) {
        return sign(body(transaction(orderNo, tradeNo, total)));
    }

    /** A payment reported in {@code currency} (WeChat Pay's amount.currency). */
    Delivery payment(String orderNo, String tradeNo, long total, String currency) {
        return sign(body(transaction(orderNo, tradeNo, total, currency, MCH_ID, APP_ID, "SUCCESS")));
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
