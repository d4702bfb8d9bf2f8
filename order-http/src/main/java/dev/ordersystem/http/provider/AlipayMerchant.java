package dev.ordersystem.http.provider;

import java.net.URI;
import java.security.PrivateKey;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the Alipay client sends as the app: its app id and RSA2 private key (signs every request
 * and every pay URL), where notifications go and the gateway. The addresses are suppliers because
 * the sandbox's are known only once the server listens.
 */
public record AlipayMerchant(String appId, PrivateKey privateKey, Supplier<URI> notifyUrl, Supplier<URI> gatewayUrl) {
    public static final URI DEFAULT_GATEWAY_URL = URI.create("https://openapi.alipay.com/gateway.do");

    public AlipayMerchant {
        if (appId == null || appId.isBlank()) throw new IllegalArgumentException("appId is required");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(notifyUrl, "notifyUrl");
        Objects.requireNonNull(gatewayUrl, "gatewayUrl");
    }

    @Override
    public String toString() {
        return "AlipayMerchant[appId=" + appId + ", privateKey=<hidden>]";
    }
}
