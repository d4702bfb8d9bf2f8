package dev.ordersystem.http.payment;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Map;
import java.util.Objects;

/**
 * What checks a WeChat Pay v3 notification: the merchant and app it must be for, the APIv3 key
 * that decrypts its resource, and the platform public keys by serial number (several during a
 * key rotation).
 */
public record WechatPayKeys(String mchId, String appId, byte[] apiV3Key, Map<String, PublicKey> platformKeys) {
    public WechatPayKeys {
        requireText(mchId, "mchId");
        requireText(appId, "appId");
        Objects.requireNonNull(apiV3Key, "apiV3Key");
        if (apiV3Key.length != 32) throw new IllegalArgumentException("the APIv3 key must be 32 bytes, was " + apiV3Key.length);
        apiV3Key = apiV3Key.clone();
        platformKeys = Map.copyOf(platformKeys);
        if (platformKeys.isEmpty()) throw new IllegalArgumentException("at least one platform key is needed");
    }

    public static WechatPayKeys of(String mchId, String appId, String apiV3Key, Map<String, PublicKey> platformKeys) {
        return new WechatPayKeys(mchId, appId, apiV3Key.getBytes(StandardCharsets.UTF_8), platformKeys);
    }

    @Override
    public byte[] apiV3Key() {
        return apiV3Key.clone();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " is required");
    }

    @Override
    public String toString() {
        return "WechatPayKeys[mchId=" + mchId + ", appId=" + appId + ", apiV3Key=<hidden>, serials=" + platformKeys.keySet() + "]";
    }
}
