package dev.ordersystem.http.provider;

import java.net.URI;
import java.security.PrivateKey;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the WeChat Pay v3 client sends as the merchant: the merchant and app ids, the merchant
 * API certificate's serial number and private key (signs every request and the JSAPI
 * {@code paySign}), where notifications go and where the API is. The addresses are suppliers
 * because the sandbox's are known only once the server listens.
 */
public record WechatPayMerchant(String mchId, String appId, String serial, PrivateKey privateKey,
                                Supplier<URI> notifyUrl, Supplier<URI> baseUrl) {
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.mch.weixin.qq.com");

    public WechatPayMerchant {
        requireText(mchId, "mchId");
        requireText(appId, "appId");
        requireText(serial, "serial");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(notifyUrl, "notifyUrl");
        Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /**
     * Where WeChat sends refund notifications: {@code refund-notify} beside the payment notify address
     * ({@code …/api/v1/payments/wechat/notify} → {@code …/api/v1/payments/wechat/refund-notify}).
     */
    public URI refundNotifyUrl() {
        return notifyUrl.get().resolve("refund-notify");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " is required");
    }

    @Override
    public String toString() {
        return "WechatPayMerchant[mchId=" + mchId + ", appId=" + appId + ", serial=" + serial + ", privateKey=<hidden>]";
    }
}
