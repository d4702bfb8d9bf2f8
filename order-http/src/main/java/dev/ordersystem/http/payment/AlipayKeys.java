package dev.ordersystem.http.payment;

import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * What checks an Alipay async notification: the Alipay public key (RSA2), the app it must be
 * for and, when set, the seller (merchant PID) it must be paid to.
 */
public record AlipayKeys(String appId, PublicKey alipayPublicKey, Optional<String> sellerId) {
    public AlipayKeys {
        if (appId == null || appId.isBlank()) throw new IllegalArgumentException("appId is required");
        Objects.requireNonNull(alipayPublicKey, "alipayPublicKey");
        Objects.requireNonNull(sellerId, "sellerId");
    }
}
