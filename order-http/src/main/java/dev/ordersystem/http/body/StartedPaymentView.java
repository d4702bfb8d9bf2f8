package dev.ordersystem.http.body;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ordersystem.core.port.PaymentAttempt;
import dev.ordersystem.core.port.provider.JsapiPayParams;
import dev.ordersystem.core.port.provider.PayLink;
import dev.ordersystem.core.usecase.payment.StartedPayment;

/**
 * A started payment as DESIGN §13 shows it: the trade and the one field its scene needs to pay
 * ({@code codeUrl} NATIVE, {@code prepayId} + {@code jsapi} JSAPI, {@code h5Url} H5, {@code qrCode}
 * QR, {@code payUrl} PAGE and WAP); the fields of other scenes are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StartedPaymentView(String orderNo, String channel, String scene, String outTradeNo, long amount,
                                 String currency, String expiresAt, String codeUrl, String prepayId,
                                 JsapiView jsapi, String h5Url, String qrCode, String payUrl) {

    /** What a JSAPI page or mini-program passes to {@code requestPayment}, as WeChat names the fields. */
    public record JsapiView(String appId, String timeStamp, String nonceStr, @JsonProperty("package") String packageValue,
                            String signType, String paySign) {
        static JsapiView of(JsapiPayParams params) {
            return new JsapiView(params.appId(), params.timeStamp(), params.nonceStr(), params.packageValue(),
                    params.signType(), params.paySign());
        }
    }

    public static StartedPaymentView of(StartedPayment started) {
        PaymentAttempt attempt = started.attempt();
        PayLink link = attempt.payLink().orElseThrow();
        String orderNo = attempt.orderNo().value();
        String channel = attempt.channel().name();
        String scene = attempt.scene().name();
        String outTradeNo = attempt.outTradeNo().value();
        long amount = attempt.amount().minor();
        String currency = attempt.amount().currency().getCurrencyCode();
        String expiresAt = JsonTimes.iso(started.order().expiresAt());
        return switch (link) {
            case PayLink.CodeUrl l -> new StartedPaymentView(orderNo, channel, scene, outTradeNo, amount, currency, expiresAt,
                    l.codeUrl(), null, null, null, null, null);
            case PayLink.JsapiPrepay l -> new StartedPaymentView(orderNo, channel, scene, outTradeNo, amount, currency, expiresAt,
                    null, l.prepayId(), JsapiView.of(l.params()), null, null, null);
            case PayLink.H5Url l -> new StartedPaymentView(orderNo, channel, scene, outTradeNo, amount, currency, expiresAt,
                    null, null, null, l.h5Url(), null, null);
            case PayLink.QrCode l -> new StartedPaymentView(orderNo, channel, scene, outTradeNo, amount, currency, expiresAt,
                    null, null, null, null, l.qrCode(), null);
            case PayLink.PayUrl l -> new StartedPaymentView(orderNo, channel, scene, outTradeNo, amount, currency, expiresAt,
                    null, null, null, null, null, l.payUrl());
        };
    }
}
