package dev.ordersystem.http.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.usecase.payment.VerifiedPayment;
import dev.ordersystem.http.payment.NotificationRejected.Reason;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Currency;

/**
 * Checks a WeChat Pay v3 payment notification, in this order: platform key by serial, timestamp
 * within 5 minutes, SHA256withRSA over {@code timestamp\nnonce\nbody\n} (the raw body bytes), then
 * decrypts the resource and checks merchant, app and trade state. Anything wrong is a
 * {@link NotificationRejected}; nothing is trusted before the signature holds.
 */
public final class WechatNotifications {
    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WechatPayKeys keys;
    private final ResourceCipher cipher;
    private final Clock clock;

    public WechatNotifications(WechatPayKeys keys, Clock clock) {
        this.keys = keys;
        this.cipher = new ResourceCipher(keys.apiV3Key());
        this.clock = clock;
    }

    /** The {@code Wechatpay-*} headers of one delivery. */
    public record Headers(String serial, String timestamp, String nonce, String signature) {
    }

    public Verdict verify(Headers headers, byte[] body) {
        return decide(verifiedResource(headers, body));
    }

    /**
     * The decrypted resource of a delivery whose headers, freshness and signature hold (any event type:
     * payment or refund notifications are checked alike).
     *
     * @throws NotificationRejected when anything does not hold
     */
    public String verifiedResource(Headers headers, byte[] body) {
        if (blank(headers.serial()) || blank(headers.timestamp()) || blank(headers.nonce()) || blank(headers.signature())) {
            throw new NotificationRejected(Reason.MALFORMED, "missing Wechatpay-Serial/-Timestamp/-Nonce/-Signature header");
        }
        PublicKey platformKey = keys.platformKeys().get(headers.serial());
        if (platformKey == null) throw new NotificationRejected(Reason.UNKNOWN_SERIAL, "unknown platform key serial " + headers.serial());
        checkFresh(headers.timestamp());
        if (!RsaSignature.verifies(platformKey, message(headers.timestamp(), headers.nonce(), body), headers.signature())) {
            throw new NotificationRejected(Reason.BAD_SIGNATURE, "signature does not verify with platform key " + headers.serial());
        }
        JsonNode resource = read(new String(body, StandardCharsets.UTF_8)).path("resource");
        if (!"AEAD_AES_256_GCM".equals(resource.path("algorithm").asText())) {
            throw new NotificationRejected(Reason.MALFORMED, "resource.algorithm must be AEAD_AES_256_GCM");
        }
        return cipher.decrypt(resource.path("associated_data").asText(""), text(resource, "nonce"),
                text(resource, "ciphertext"));
    }

    /** This merchant's id ({@code mchid} a refund notification must carry). */
    public String mchId() {
        return keys.mchId();
    }

    /** The signed message: {@code timestamp\nnonce\nbody\n}, the body exactly as received. */
    public static byte[] message(String timestamp, String nonce, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        out.writeBytes((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        out.write('\n');
        return out.toByteArray();
    }

    private void checkFresh(String timestamp) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new NotificationRejected(Reason.MALFORMED, "Wechatpay-Timestamp is not a number");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (skew > MAX_SKEW.toSeconds()) {
            throw new NotificationRejected(Reason.STALE, "Wechatpay-Timestamp is " + skew + " s away from now");
        }
    }

    private Verdict decide(String plaintext) {
        JsonNode transaction = read(plaintext);
        if (!keys.mchId().equals(transaction.path("mchid").asText()) || !keys.appId().equals(transaction.path("appid").asText())) {
            throw new NotificationRejected(Reason.WRONG_MERCHANT, "mchid/appid " + transaction.path("mchid").asText() + "/"
                    + transaction.path("appid").asText() + " are not this merchant's");
        }
        String state = text(transaction, "trade_state");
        if (!"SUCCESS".equals(state)) return new Verdict.Acknowledge(state);
        String outTradeNo = text(transaction, "out_trade_no");
        // A trade started here is <order number>_<attempt> (DESIGN §13); older ones carry the bare order number.
        if (!OutTradeNo.isWellFormed(outTradeNo)) throw new NotificationRejected(Reason.MALFORMED, "out_trade_no is not one of this shop's trade numbers: " + outTradeNo);
        String tradeNo = text(transaction, "transaction_id");
        if (tradeNo.length() > 64) throw new NotificationRejected(Reason.MALFORMED, "transaction_id longer than 64");
        JsonNode amount = transaction.path("amount");
        if (!amount.path("total").canConvertToLong() || !amount.path("total").isIntegralNumber() || amount.path("total").asLong() < 0) {
            throw new NotificationRejected(Reason.MALFORMED, "amount.total must be a non-negative integer (fen)");
        }
        Money paid = Money.of(amount.path("total").asLong(), currency(amount.path("currency").asText("CNY")));
        Instant paidAt;
        try {
            paidAt = OffsetDateTime.parse(text(transaction, "success_time")).toInstant();
        } catch (DateTimeParseException e) {
            throw new NotificationRejected(Reason.MALFORMED, "success_time is not an RFC 3339 time");
        }
        return new Verdict.Pay(new VerifiedPayment(PaymentChannel.WECHAT, new OutTradeNo(outTradeNo).orderNo(), tradeNo, paid, paidAt, plaintext));
    }

    private static Currency currency(String code) {
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new NotificationRejected(Reason.MALFORMED, "amount.currency is not an ISO 4217 code: " + code);
        }
    }

    private static JsonNode read(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) throw new NotificationRejected(Reason.MALFORMED, "not a JSON object");
            return node;
        } catch (IOException e) {
            throw new NotificationRejected(Reason.MALFORMED, "not JSON");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) throw new NotificationRejected(Reason.MALFORMED, field + " is missing");
        return value.asText();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
