package dev.ordersystem.core.domain;

/** How the buyer pays: from the shop balance, or through an external payment channel. */
public enum PaymentMethod {
    BALANCE, WECHAT, ALIPAY;

    public boolean isExternal() {
        return this != BALANCE;
    }
}
