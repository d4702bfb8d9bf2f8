package dev.ordersystem.http.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.port.provider.CloseRefusedPaid;
import dev.ordersystem.core.port.provider.JsapiPayParams;
import dev.ordersystem.core.port.provider.NewTrade;
import dev.ordersystem.core.port.provider.PaidTrade;
import dev.ordersystem.core.port.provider.PayLink;
import dev.ordersystem.core.port.provider.PaymentProvider;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.core.port.provider.RefundAnswer;
import dev.ordersystem.core.port.provider.RefundCall;
import dev.ordersystem.core.port.provider.TradeClosed;
import dev.ordersystem.core.port.provider.TradeClosing;
import dev.ordersystem.core.port.provider.TradeCreation;
import dev.ordersystem.core.port.provider.TradeLookup;
import dev.ordersystem.core.port.provider.TradeNotFound;
import dev.ordersystem.core.port.provider.TradeOpened;
import dev.ordersystem.core.port.provider.TradeRef;
import dev.ordersystem.core.port.provider.TradeState;
import dev.ordersystem.core.port.provider.TradeStatus;
import dev.ordersystem.http.payment.RsaSignature;
import dev.ordersystem.http.payment.WechatNotifications;
import dev.ordersystem.http.payment.WechatPayKeys;
import dev.ordersystem.http.provider.ProviderWire.Answer;
import dev.ordersystem.http.provider.ProviderWire.Repeat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Set;
import java.util.function.Supplier;

/**
 * WeChat Pay v3 for a direct merchant (DESIGN §13): Native, JSAPI and H5 prepay, query by
 * out_trade_no, close. Every request carries the {@code WECHATPAY2-SHA256-RSA2048} Authorization
 * (SHA256withRSA with the merchant key over {@code METHOD\nPATH?QUERY\ntimestamp\nnonce\nbody\n});
 * every 2xx answer must carry a {@code Wechatpay-Signature} that verifies with a platform key over
 * {@code timestamp\nnonce\nbody\n}, stamped within 5 minutes, or it is not believed. Each trade
 * is sent with its deadline as {@code time_expire}, so WeChat itself refuses a payment after it.
 */
public final class WechatPayTrades implements PaymentProvider {
    static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048";
    private static final Logger log = LoggerFactory.getLogger(WechatPayTrades.class);
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final WechatPayMerchant merchant;
    private final WechatPayKeys platform;
    private final ProviderWire wire;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public WechatPayTrades(WechatPayMerchant merchant, WechatPayKeys platform, ProviderWire wire, Clock clock) {
        this.merchant = merchant;
        this.platform = platform;
        this.wire = wire;
        this.clock = clock;
    }

    @Override
    public Set<PaymentChannel> channels() {
        return Set.of(PaymentChannel.WECHAT);
    }

    @Override
    public TradeCreation create(NewTrade trade) {
        return answered("create " + trade.scene(), trade.outTradeNo().value(), () -> new TradeOpened(switch (trade.scene()) {
            case NATIVE -> new PayLink.CodeUrl(requiredText(prepay("native", prepayBody(trade)), "code_url"));
            case JSAPI -> jsapi(trade);
            case H5 -> {
                ObjectNode body = prepayBody(trade);
                body.putObject("scene_info").put("payer_client_ip", trade.clientIp().orElseThrow())
                        .putObject("h5_info").put("type", "Wap");
                yield new PayLink.H5Url(requiredText(prepay("h5", body), "h5_url"));
            }
            default -> throw new IllegalArgumentException("not a WeChat Pay scene: " + trade.scene());
        }));
    }

    /** {@code GET /v3/pay/transactions/out-trade-no/{no}?mchid=}: the trade as WeChat sees it now. */
    @Override
    public TradeLookup query(TradeRef trade) {
        String outTradeNo = trade.outTradeNo().value();
        return answered("query", outTradeNo, () -> {
            String path = "/v3/pay/transactions/out-trade-no/" + encode(outTradeNo) + "?mchid=" + encode(merchant.mchId());
            Answer answer = wire.send("query", Repeat.SAFE, () -> request("GET", path, ""));
            if (answer.status() == 404 && "ORDER_NOT_EXIST".equals(errorCode(answer))) {
                verify(answer); // acted upon: an expiry cancels an order whose trade does not exist
                return TradeStatus.unpaid(TradeState.NOT_FOUND, "ORDER_NOT_EXIST");
            }
            if (answer.status() != 200) throw refused(answer);
            JsonNode transaction = verified(answer);
            if (!merchant.mchId().equals(transaction.path("mchid").asText()) || !outTradeNo.equals(transaction.path("out_trade_no").asText())) {
                throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("the answer is about another merchant or trade"));
            }
            return status(transaction, answer.body());
        });
    }

    /**
     * {@code POST /v3/pay/transactions/out-trade-no/{no}/close {mchid}} → 204. Refused because
     * paid ({@code ORDERPAID}) is {@link CloseRefusedPaid}; unknown ({@code ORDER_NOT_EXIST}) is
     * {@link TradeNotFound}.
     */
    @Override
    public TradeClosing close(TradeRef trade) {
        String outTradeNo = trade.outTradeNo().value();
        return answered("close", outTradeNo, () -> {
            String path = "/v3/pay/transactions/out-trade-no/" + encode(outTradeNo) + "/close";
            String body = JSON.createObjectNode().put("mchid", merchant.mchId()).toString();
            Answer answer = wire.send("close", Repeat.SAFE, () -> request("POST", path, body));
            if (answer.status() == 204 || answer.status() == 200) {
                verify(answer);
                return new TradeClosed();
            }
            String code = errorCode(answer);
            if (!Set.of("ORDERPAID", "ORDER_PAID", "ORDER_NOT_EXIST", "ORDER_CLOSED").contains(code)) throw refused(answer);
            verify(answer); // acted upon, so believed only when signed
            return switch (code) {
                case "ORDERPAID", "ORDER_PAID" -> new CloseRefusedPaid(code);
                case "ORDER_NOT_EXIST" -> new TradeNotFound();
                case "ORDER_CLOSED" -> new TradeClosed();
                default -> throw refused(answer);
            };
        });
    }

    /**
     * {@code POST /v3/refund/domestic/refunds} {@code {transaction_id, out_refund_no, reason, notify_url,
     * amount{refund, total, currency}}}. The payment is named by its {@code transaction_id} (the key of
     * the payment record, also a late payment's whose out_trade_no is not kept). Safe to repeat: WeChat
     * answers a repeated out_refund_no with the refund it made for it. {@code SUCCESS} is done,
     * {@code PROCESSING} waits for the refund notification or a query, {@code CLOSED}/{@code ABNORMAL}
     * and a verified business error ({@code NOT_ENOUGH}, {@code INVALID_REQUEST}, …) are refusals;
     * {@code SYSTEM_ERROR} and {@code FREQUENCY_LIMITED} are failures, asked again later.
     */
    @Override
    public RefundAnswer refund(RefundCall refund) {
        return answered("refund", refund.refundNo().value(), () -> {
            ObjectNode body = JSON.createObjectNode().put("transaction_id", refund.tradeNo())
                    .put("out_refund_no", refund.refundNo().value());
            if (!refund.reason().isBlank()) body.put("reason", refund.reason());
            body.put("notify_url", merchant.refundNotifyUrl().toString());
            body.putObject("amount").put("refund", refund.amount().minor()).put("total", refund.total().minor())
                    .put("currency", refund.amount().currency().getCurrencyCode());
            String text = body.toString();
            Answer answer = wire.send("refund", Repeat.SAFE, () -> request("POST", "/v3/refund/domestic/refunds", text));
            if (answer.status() != 200) return refundRefusal(answer);
            return refundState(verified(answer), refund);
        });
    }

    /** {@code GET /v3/refund/domestic/refunds/{out_refund_no}}; {@code RESOURCE_NOT_EXISTS} (404) is a refund WeChat never heard of. */
    @Override
    public RefundAnswer queryRefund(RefundCall refund) {
        return answered("refund query", refund.refundNo().value(), () -> {
            Answer answer = wire.send("refund query", Repeat.SAFE,
                    () -> request("GET", "/v3/refund/domestic/refunds/" + encode(refund.refundNo().value()), ""));
            if (answer.status() == 404 && "RESOURCE_NOT_EXISTS".equals(errorCode(answer))) {
                verify(answer); // acted upon: the refund is asked for again
                return new RefundAnswer.NotFound("RESOURCE_NOT_EXISTS");
            }
            if (answer.status() != 200) throw refused(answer);
            return refundState(verified(answer), refund);
        });
    }

    /** WeChat's refund {@code status} in the port's words. */
    static RefundAnswer refundState(JsonNode refund, RefundCall asked) {
        if (!asked.refundNo().value().equals(refund.path("out_refund_no").asText())) {
            throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("the answer is about another refund"));
        }
        String status = refund.path("status").asText("");
        return switch (status) {
            case "SUCCESS" -> new RefundAnswer.Succeeded(status);
            case "PROCESSING" -> new RefundAnswer.Processing(status);
            case "CLOSED", "ABNORMAL" -> new RefundAnswer.Refused(status, "WeChat Pay refund " + status);
            default -> throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("unknown refund status '" + status + "'"));
        };
    }

    private RefundAnswer refundRefusal(Answer answer) {
        String code = errorCode(answer);
        if (Set.of("SYSTEM_ERROR", "FREQUENCY_LIMITED").contains(code) || code.startsWith("HTTP_")) throw refused(answer);
        verify(answer); // a refusal ends the refund: believed only when signed
        ProviderFailure.ProviderError error = (ProviderFailure.ProviderError) refused(answer).failure();
        return new RefundAnswer.Refused(code, error.message());
    }

    /** The message a JSAPI {@code paySign} signs: {@code appId\ntimeStamp\nnonceStr\npackage\n}. */
    public static byte[] paySignMessage(String appId, String timeStamp, String nonceStr, String packageValue) {
        return (appId + "\n" + timeStamp + "\n" + nonceStr + "\n" + packageValue + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The message a request's Authorization signs: {@code METHOD\nPATH?QUERY\ntimestamp\nnonce\nbody\n}. */
    public static byte[] requestMessage(String method, String pathAndQuery, String timestamp, String nonce, String body) {
        return (method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 3339 in China time, as WeChat writes times ({@code 2026-12-07T18:30:00+08:00}). */
    public static String rfc3339(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(CHINA).withNano(0));
    }

    /** Runs one operation; provider trouble becomes the port's failure, logged with the provider's code. */
    private <T> T answered(String operation, String outTradeNo, Supplier<T> call) {
        try {
            return call.get();
        } catch (ProviderCallFailed e) {
            log.warn("WeChat Pay {} of trade {} failed: {}", operation, outTradeNo, e.failure().describe());
            @SuppressWarnings("unchecked") T failure = (T) e.failure();
            return failure;
        }
    }

    private PayLink jsapi(NewTrade trade) {
        ObjectNode body = prepayBody(trade);
        body.putObject("payer").put("openid", trade.openId().orElseThrow());
        String prepayId = requiredText(prepay("jsapi", body), "prepay_id");
        String timeStamp = Long.toString(clock.instant().getEpochSecond());
        String nonceStr = nonce();
        String packageValue = "prepay_id=" + prepayId;
        String paySign = RsaSignature.sign(merchant.privateKey(), paySignMessage(merchant.appId(), timeStamp, nonceStr, packageValue));
        return new PayLink.JsapiPrepay(prepayId, new JsapiPayParams(merchant.appId(), timeStamp, nonceStr, packageValue, "RSA", paySign));
    }

    private JsonNode prepay(String scene, ObjectNode body) {
        String text = body.toString();
        // Safe to repeat: WeChat answers a repeated prepay of the same out_trade_no and body with the same result.
        Answer answer = wire.send("create " + scene, Repeat.SAFE, () -> request("POST", "/v3/pay/transactions/" + scene, text));
        if (answer.status() != 200) throw refused(answer);
        return verified(answer);
    }

    private ObjectNode prepayBody(NewTrade trade) {
        ObjectNode body = JSON.createObjectNode().put("appid", merchant.appId()).put("mchid", merchant.mchId())
                .put("description", trade.subject()).put("out_trade_no", trade.outTradeNo().value())
                .put("time_expire", rfc3339(trade.expiresAt())).put("notify_url", merchant.notifyUrl().get().toString());
        body.putObject("amount").put("total", trade.amount().minor()).put("currency", trade.amount().currency().getCurrencyCode());
        return body;
    }

    HttpRequest.Builder request(String method, String pathAndQuery, String body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = nonce();
        String signature = RsaSignature.sign(merchant.privateKey(), requestMessage(method, pathAndQuery, timestamp, nonce, body));
        String authorization = SCHEMA + " mchid=\"" + merchant.mchId() + "\",nonce_str=\"" + nonce + "\",timestamp=\"" + timestamp
                + "\",serial_no=\"" + merchant.serial() + "\",signature=\"" + signature + "\"";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(withoutSlash(merchant.baseUrl().get()) + pathAndQuery))
                .header("Authorization", authorization).header("Accept", "application/json")
                .header("User-Agent", "order-system");
        return "GET".equals(method) ? request.GET()
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    JsonNode verified(Answer answer) {
        verify(answer);
        try {
            JsonNode node = JSON.readTree(answer.body());
            if (node == null || !node.isObject()) throw new IOException("not a JSON object");
            return node;
        } catch (IOException e) {
            throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("the answer is not a JSON object"));
        }
    }

    /** The answer's signature: the serial names a platform key, the timestamp is fresh, the signature holds. */
    void verify(Answer answer) {
        String serial = answer.headers().firstValue("Wechatpay-Serial").orElse("");
        String timestamp = answer.headers().firstValue("Wechatpay-Timestamp").orElse("");
        String nonce = answer.headers().firstValue("Wechatpay-Nonce").orElse("");
        String signature = answer.headers().firstValue("Wechatpay-Signature").orElse("");
        PublicKey key = platform.platformKeys().get(serial);
        if (key == null) throw badSignature("unknown or missing Wechatpay-Serial '" + serial + "'");
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw badSignature("Wechatpay-Timestamp missing or not a number");
        }
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > MAX_SKEW.toSeconds()) {
            throw badSignature("Wechatpay-Timestamp more than 5 minutes away");
        }
        byte[] message = WechatNotifications.message(timestamp, nonce, answer.body().getBytes(StandardCharsets.UTF_8));
        if (!RsaSignature.verifies(key, message, signature)) {
            throw badSignature("Wechatpay-Signature does not verify with platform key " + serial);
        }
    }

    private static TradeStatus status(JsonNode transaction, String raw) {
        String state = transaction.path("trade_state").asText("");
        return switch (state) {
            case "NOTPAY", "USERPAYING", "PAYERROR" -> TradeStatus.unpaid(TradeState.NOT_PAID, state);
            case "CLOSED", "REVOKED" -> TradeStatus.unpaid(TradeState.CLOSED, state);
            case "SUCCESS", "REFUND" -> TradeStatus.paid(state, paid(transaction, raw));
            default -> throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("unknown trade_state '" + state + "'"));
        };
    }

    private static PaidTrade paid(JsonNode transaction, String raw) {
        JsonNode amount = transaction.path("amount");
        if (!amount.path("total").isIntegralNumber() || amount.path("total").asLong() < 0) {
            throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("a paid trade without amount.total"));
        }
        try {
            Currency currency = Currency.getInstance(amount.path("currency").asText("CNY"));
            Instant paidAt = OffsetDateTime.parse(requiredText(transaction, "success_time")).toInstant();
            return new PaidTrade(requiredText(transaction, "transaction_id"), Money.of(amount.path("total").asLong(), currency), paidAt, raw);
        } catch (DateTimeParseException e) {
            throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("success_time is not RFC 3339"));
        } catch (IllegalArgumentException e) {
            throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("a paid trade's currency or transaction_id is invalid"));
        }
    }

    static String errorCode(Answer answer) {
        try {
            JsonNode node = JSON.readTree(answer.body());
            String code = node == null ? "" : node.path("code").asText("");
            return code.isBlank() ? "HTTP_" + answer.status() : code;
        } catch (IOException e) {
            return "HTTP_" + answer.status();
        }
    }

    static ProviderCallFailed refused(Answer answer) {
        String message;
        try {
            JsonNode node = JSON.readTree(answer.body());
            message = node == null ? "" : node.path("message").asText("");
        } catch (IOException e) {
            message = "";
        }
        return new ProviderCallFailed(new ProviderFailure.ProviderError(answer.status(), errorCode(answer),
                message.length() > 200 ? message.substring(0, 200) : message));
    }

    private static ProviderCallFailed badSignature(String detail) {
        return new ProviderCallFailed(new ProviderFailure.BadSignature(detail));
    }

    static String requiredText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("the answer has no " + field));
        }
        return value.asText();
    }

    private String nonce() {
        StringBuilder nonce = new StringBuilder(32);
        for (int i = 0; i < 32; i++) nonce.append(NONCE_ALPHABET.charAt(random.nextInt(NONCE_ALPHABET.length())));
        return nonce.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String withoutSlash(URI base) {
        String text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
