package dev.ordersystem.core.domain;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * An endpoint's signing secret in the Standard Webhooks form {@code whsec_<base64 of the key>};
 * the HMAC key is the decoded part after the prefix.
 */
public record WebhookSecret(String value) {
    private static final String PREFIX = "whsec_";
    private static final int KEY_BYTES = 32;

    public WebhookSecret {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith(PREFIX)) throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
        Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    public static WebhookSecret generate(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /** The HMAC-SHA256 key. */
    public byte[] key() {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    @Override
    public String toString() {
        return "WebhookSecret[whsec_…]"; // never in a log
    }
}
