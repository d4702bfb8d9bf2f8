package dev.ordersystem.core.domain;

/** An external payment provider that sends payment notifications. */
public enum PaymentChannel {
    WECHAT, ALIPAY;

    public PaymentMethod method() {
        return PaymentMethod.valueOf(name());
    }
}
