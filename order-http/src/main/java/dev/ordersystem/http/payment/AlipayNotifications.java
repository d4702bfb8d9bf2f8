package dev.ordersystem.http.payment;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.usecase.payment.VerifiedPayment;
import dev.ordersystem.http.payment.NotificationRejected.Reason;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Map;
import java.util.Set;

/**
 * Checks an Alipay async notification: RSA2 over the sorted fields (without {@code sign} and
 * {@code sign_type}) with the Alipay public key, then app and seller. {@code TRADE_SUCCESS} and
 * {@code TRADE_FINISHED} are payments; other statuses are acknowledged and change nothing.
 * Alipay resends for about a day, so there is no freshness window: a resend is a duplicate,
 * which the unique (channel, trade number) record absorbs.
 */
public final class AlipayNotifications {
    static final ZoneId ALIPAY_TIME = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Set<String> PAID = Set.of("TRADE_SUCCESS", "TRADE_FINISHED");
    private static final Currency CNY = Currency.getInstance("CNY"); // total_amount is always in yuan

    private final AlipayKeys keys;
    private final Clock clock;

    public AlipayNotifications(AlipayKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public Verdict verify(byte[] body) {
        Map<String, String> fields = FormFields.parse(body);
        String sign = required(fields, "sign");
        String signType = fields.getOrDefault("sign_type", "RSA2");
        if (!"RSA2".equals(signType)) throw new NotificationRejected(Reason.MALFORMED, "sign_type must be RSA2, was " + signType);
        byte[] content = FormFields.signedContent(fields).getBytes(FormFields.charset(fields.get("charset")));
        if (!RsaSignature.verifies(keys.alipayPublicKey(), content, sign)) {
            throw new NotificationRejected(Reason.BAD_SIGNATURE, "sign does not verify with the Alipay public key");
        }
        if (!keys.appId().equals(fields.get("app_id"))) {
            throw new NotificationRejected(Reason.WRONG_MERCHANT, "app_id " + fields.get("app_id") + " is not this app's");
        }
        if (keys.sellerId().isPresent() && !keys.sellerId().get().equals(fields.get("seller_id"))) {
            throw new NotificationRejected(Reason.WRONG_MERCHANT, "seller_id " + fields.get("seller_id") + " is not this seller's");
        }
        String status = required(fields, "trade_status");
        if (!PAID.contains(status)) return new Verdict.Acknowledge(status);
        String outTradeNo = required(fields, "out_trade_no");
        // A trade started here is <order number>_<attempt> (DESIGN §13); older ones carry the bare order number.
        if (!OutTradeNo.isWellFormed(outTradeNo)) throw new NotificationRejected(Reason.MALFORMED, "out_trade_no is not one of this shop's trade numbers: " + outTradeNo);
        String tradeNo = required(fields, "trade_no");
        if (tradeNo.length() > 64) throw new NotificationRejected(Reason.MALFORMED, "trade_no longer than 64");
        Money amount = Money.of(YuanAmount.toFen(required(fields, "total_amount")), CNY);
        return new Verdict.Pay(new VerifiedPayment(PaymentChannel.ALIPAY, new OutTradeNo(outTradeNo).orderNo(), tradeNo, amount,
                paidAt(fields), new String(body, StandardCharsets.ISO_8859_1)));
    }

    private Instant paidAt(Map<String, String> fields) {
        String text = fields.getOrDefault("gmt_payment", fields.get("notify_time"));
        if (text == null) return clock.instant();
        try {
            return LocalDateTime.parse(text, TIME).atZone(ALIPAY_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new NotificationRejected(Reason.MALFORMED, "gmt_payment is not yyyy-MM-dd HH:mm:ss");
        }
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) throw new NotificationRejected(Reason.MALFORMED, name + " is missing");
        return value;
    }
}
