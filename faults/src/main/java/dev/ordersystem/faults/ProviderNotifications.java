package dev.ordersystem.faults;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.http.payment.PaymentSandbox;

import java.util.Map;

/**
 * Payment notifications signed (WeChat: and encrypted) with the shared sandbox provider's keys,
 * as the provider sends them, for an order number as out_trade_no: what the traffic delivers and
 * replays, and what the security pass forges and tampers with. The instances verify them exactly
 * as a real provider's.
 */
final class ProviderNotifications {
    static final String WECHAT_PATH = "/api/v1/payments/wechat/notify";
    static final String ALIPAY_PATH = "/api/v1/payments/alipay/notify";

    /** One notification: its provider trade number, the headers to send and the body. */
    record Signed(String channel, String tradeNo, Map<String, String> headers, String body) {
        String path() {
            return channel.equals("WECHAT") ? WECHAT_PATH : ALIPAY_PATH;
        }
    }

    private final PaymentSandbox keys;

    ProviderNotifications(PaymentSandbox keys) {
        this.keys = keys;
    }

    /** A TRADE_SUCCESS of {@code amount} fen for {@code orderNo} on {@code channel} (WECHAT or ALIPAY). */
    Signed paid(String channel, String orderNo, long amount) {
        String tradeNo = keys.tradeNo();
        if (channel.equals("WECHAT")) {
            PaymentSandbox.WechatDelivery delivery = keys.wechatPayment(new OrderNo(orderNo), amount, "CNY", tradeNo);
            return new Signed(channel, tradeNo, Map.of("Content-Type", "application/json",
                    "Wechatpay-Serial", delivery.headers().serial(), "Wechatpay-Timestamp", delivery.headers().timestamp(),
                    "Wechatpay-Nonce", delivery.headers().nonce(), "Wechatpay-Signature", delivery.headers().signature()), delivery.body());
        }
        return new Signed(channel, tradeNo, Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                keys.alipayPayment(new OrderNo(orderNo), amount, tradeNo));
    }
}
