package dev.ordersystem.http.sandbox;

import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.payment.YuanAmount;
import dev.ordersystem.http.provider.AlipayTrades;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends a paid trade's notification to the notify_url the merchant gave when opening it, as the
 * provider does: WeChat's {@code TRANSACTION.SUCCESS} with the transaction AES-GCM encrypted and
 * the body signed, Alipay's signed {@code trade_status_sync} form. Once, with a short timeout; the
 * merchant's answer is reported back to whoever paid (the cashier page shows it).
 */
final class SandboxNotifier {
    /** What the merchant's notify route answered, or why nothing was sent. */
    record Delivery(boolean sent, int status, String body) {
        static Delivery withheld() {
            return new Delivery(false, 0, "withheld: the sandbox was told not to notify (a lost notification)");
        }
    }

    private final SandboxProvider provider;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    SandboxNotifier(SandboxProvider provider) {
        this.provider = provider;
    }

    Delivery notifyPaid(SandboxTrade trade) {
        if (provider.withholdsNotifications()) return Delivery.withheld();
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(trade.notifyUrl())).timeout(Duration.ofSeconds(10));
        } catch (IllegalArgumentException e) {
            return new Delivery(false, 0, "the trade's notify_url is not an address: " + trade.notifyUrl());
        }
        if (trade.channel() == PaymentChannel.WECHAT) {
            PaymentSandbox.WechatDelivery delivery = provider.keys().wechatNotification(SandboxWechatApi.transaction(trade).toString());
            request.header("Content-Type", "application/json").header("Wechatpay-Serial", delivery.headers().serial())
                    .header("Wechatpay-Timestamp", delivery.headers().timestamp()).header("Wechatpay-Nonce", delivery.headers().nonce())
                    .header("Wechatpay-Signature", delivery.headers().signature())
                    .header("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048")
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8));
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(provider.keys().alipayNotification(alipayFields(trade)), StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Delivery(true, answer.statusCode(), answer.body());
        } catch (IOException e) {
            return new Delivery(true, 0, "the notify_url did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(true, 0, "interrupted");
        }
    }

    /** WeChat's {@code REFUND.SUCCESS} for a finished refund, encrypted and signed like a payment notification. */
    Delivery notifyRefund(SandboxRefunds.SandboxRefund refund) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(refund.notifyUrl())).timeout(Duration.ofSeconds(10));
        } catch (IllegalArgumentException e) {
            return new Delivery(false, 0, "the refund's notify_url is not an address: " + refund.notifyUrl());
        }
        PaymentSandbox.WechatDelivery delivery = provider.keys().wechatRefundNotification("REFUND.SUCCESS",
                SandboxWechatApi.refundNotificationJson(refund).toString());
        request.header("Content-Type", "application/json").header("Wechatpay-Serial", delivery.headers().serial())
                .header("Wechatpay-Timestamp", delivery.headers().timestamp()).header("Wechatpay-Nonce", delivery.headers().nonce())
                .header("Wechatpay-Signature", delivery.headers().signature())
                .header("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048")
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8));
        try {
            HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Delivery(true, answer.statusCode(), answer.body());
        } catch (IOException e) {
            return new Delivery(true, 0, "the notify_url did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(true, 0, "interrupted");
        }
    }

    private Map<String, String> alipayFields(SandboxTrade trade) {
        String paid = AlipayTrades.alipayTime(trade.paidAt().orElseThrow());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("notify_time", AlipayTrades.alipayTime(provider.now()));
        fields.put("notify_type", "trade_status_sync");
        fields.put("notify_id", provider.randomToken(32));
        fields.put("charset", "utf-8");
        fields.put("version", "1.0");
        fields.put("app_id", PaymentSandbox.ALIPAY_APP_ID);
        fields.put("seller_id", PaymentSandbox.ALIPAY_SELLER_ID);
        fields.put("trade_no", trade.tradeNo().orElseThrow());
        fields.put("out_trade_no", trade.outTradeNo());
        fields.put("trade_status", "TRADE_SUCCESS");
        fields.put("total_amount", YuanAmount.ofFen(trade.paidMinor()));
        fields.put("receipt_amount", YuanAmount.ofFen(trade.paidMinor()));
        fields.put("subject", trade.subject());
        fields.put("gmt_create", AlipayTrades.alipayTime(trade.createdAt()));
        fields.put("gmt_payment", paid);
        return fields;
    }
}
