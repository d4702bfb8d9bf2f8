package dev.ordersystem.core.domain;

/**
 * Where and how the buyer pays through a provider (DESIGN §13). Each scene belongs to one channel:
 * WeChat Pay {@code NATIVE} (QR code), {@code JSAPI} (inside WeChat, needs the payer's openId),
 * {@code H5} (a mobile browser, needs the client's IP); Alipay {@code QR} (precreate),
 * {@code PAGE} (desktop pay page) and {@code WAP} (mobile pay page).
 */
public enum PaymentScene {
    NATIVE(PaymentChannel.WECHAT),
    JSAPI(PaymentChannel.WECHAT),
    H5(PaymentChannel.WECHAT),
    QR(PaymentChannel.ALIPAY),
    PAGE(PaymentChannel.ALIPAY),
    WAP(PaymentChannel.ALIPAY);

    private final PaymentChannel channel;

    PaymentScene(PaymentChannel channel) {
        this.channel = channel;
    }

    public PaymentChannel channel() {
        return channel;
    }
}
