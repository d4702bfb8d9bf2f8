package dev.ordersystem.core.port.provider;

import java.util.Objects;

/**
 * The parameters of WeChat's {@code requestPayment}, as the page passes them: {@code package} is
 * {@code prepay_id=…}, {@code signType} {@code RSA}, and {@code paySign} the merchant's
 * SHA256withRSA signature over {@code appId\ntimeStamp\nnonceStr\npackage\n}, Base64.
 */
public record JsapiPayParams(String appId, String timeStamp, String nonceStr, String packageValue,
                             String signType, String paySign) {
    public JsapiPayParams {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(timeStamp, "timeStamp");
        Objects.requireNonNull(nonceStr, "nonceStr");
        Objects.requireNonNull(packageValue, "packageValue");
        Objects.requireNonNull(signType, "signType");
        Objects.requireNonNull(paySign, "paySign");
    }
}
