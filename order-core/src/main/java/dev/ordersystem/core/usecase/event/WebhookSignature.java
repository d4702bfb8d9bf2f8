package dev.ordersystem.core.usecase.event;

import dev.ordersystem.core.domain.WebhookSecret;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The Standard Webhooks signature: {@code v1,} and the base64 HMAC-SHA256, keyed with the
 * secret's decoded bytes, of {@code "<webhook-id>.<webhook-timestamp>.<body>"}. One instance signs
 * with one secret, one message at a time (a {@link Mac} is not thread-safe): the delivery worker
 * makes one per endpoint per batch, so the provider lookup and key setup are paid once a batch,
 * not once a delivery.
 */
public final class WebhookSignature {
    private final Mac mac;

    private WebhookSignature(Mac mac) {
        this.mac = mac;
    }

    public static WebhookSignature with(WebhookSecret secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            return new WebhookSignature(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public static String sign(WebhookSecret secret, String id, long timestampSeconds, String body) {
        return with(secret).sign(id, timestampSeconds, body);
    }

    public String sign(String id, long timestampSeconds, String body) {
        byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(digest);
    }
}
