package dev.ordersystem.http.provider;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.port.provider.CloseRefusedPaid;
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
import dev.ordersystem.http.payment.YuanAmount;
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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Alipay's open API for a shop (DESIGN §13): {@code alipay.trade.precreate} (QR), the signed
 * {@code alipay.trade.page.pay} / {@code alipay.trade.wap.pay} address (PAGE, WAP; no call: the
 * buyer's browser opens it), {@code alipay.trade.query} and {@code alipay.trade.close}. Every
 * request is signed RSA2 (SHA256withRSA with the app key over every non-empty parameter but
 * {@code sign}, sorted, {@code k=v&…}); every answer acted upon must carry a {@code sign} over its
 * {@code …_response} JSON exactly as sent that verifies with the Alipay public key. Each trade
 * carries its deadline as {@code time_expire}.
 */
public final class AlipayTrades implements PaymentProvider {
    /** Alipay's clock: every time on the wire is {@code yyyy-MM-dd HH:mm:ss} in China. */
    public static final ZoneId ALIPAY_ZONE = ZoneId.of("Asia/Shanghai");
    public static final DateTimeFormatter ALIPAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Logger log = LoggerFactory.getLogger(AlipayTrades.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory JSON_FACTORY = new JsonFactory();
    private static final Currency CNY = Currency.getInstance("CNY"); // Alipay amounts are yuan

    private final AlipayMerchant merchant;
    private final PublicKey alipayPublicKey;
    private final ProviderWire wire;
    private final Clock clock;

    public AlipayTrades(AlipayMerchant merchant, PublicKey alipayPublicKey, ProviderWire wire, Clock clock) {
        this.merchant = merchant;
        this.alipayPublicKey = alipayPublicKey;
        this.wire = wire;
        this.clock = clock;
    }

    @Override
    public Set<PaymentChannel> channels() {
        return Set.of(PaymentChannel.ALIPAY);
    }

    @Override
    public TradeCreation create(NewTrade trade) {
        return answered("create " + trade.scene(), trade.outTradeNo().value(), () -> new TradeOpened(switch (trade.scene()) {
            case QR -> new PayLink.QrCode(requiredText(call("alipay.trade.precreate", tradeContent(trade), true), "qr_code"));
            case PAGE -> new PayLink.PayUrl(payUrl("alipay.trade.page.pay", tradeContent(trade).put("product_code", "FAST_INSTANT_TRADE_PAY")));
            case WAP -> new PayLink.PayUrl(payUrl("alipay.trade.wap.pay", tradeContent(trade).put("product_code", "QUICK_WAP_WAY")));
            default -> throw new IllegalArgumentException("not an Alipay scene: " + trade.scene());
        }));
    }

    @Override
    public TradeLookup query(TradeRef trade) {
        String outTradeNo = trade.outTradeNo().value();
        return answered("query", outTradeNo, () -> {
            JsonNode answer;
            try {
                answer = call("alipay.trade.query", JSON.createObjectNode().put("out_trade_no", outTradeNo), false);
            } catch (BusinessRefusal refusal) {
                if ("ACQ.TRADE_NOT_EXIST".equals(refusal.subCode)) return TradeStatus.unpaid(TradeState.NOT_FOUND, refusal.subCode);
                throw refusal.asFailure();
            }
            if (!outTradeNo.equals(answer.path("out_trade_no").asText())) {
                throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("the answer is about another trade"));
            }
            String state = answer.path("trade_status").asText("");
            return switch (state) {
                case "WAIT_BUYER_PAY" -> TradeStatus.unpaid(TradeState.NOT_PAID, state);
                case "TRADE_CLOSED" -> TradeStatus.unpaid(TradeState.CLOSED, state);
                case "TRADE_SUCCESS", "TRADE_FINISHED" -> TradeStatus.paid(state, paid(answer));
                default -> throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("unknown trade_status '" + state + "'"));
            };
        });
    }

    @Override
    public TradeClosing close(TradeRef trade) {
        String outTradeNo = trade.outTradeNo().value();
        return answered("close", outTradeNo, () -> {
            try {
                call("alipay.trade.close", JSON.createObjectNode().put("out_trade_no", outTradeNo), false);
                return new TradeClosed();
            } catch (BusinessRefusal refusal) {
                return switch (refusal.subCode) {
                    case "ACQ.TRADE_NOT_EXIST" -> new TradeNotFound();
                    // Closing is refused for a trade that is no longer waiting: paid, or closed
                    // before; the caller queries to learn which.
                    case "ACQ.TRADE_STATUS_ERROR" -> new CloseRefusedPaid(refusal.subCode);
                    default -> throw refusal.asFailure();
                };
            }
        });
    }

    /**
     * {@code alipay.trade.refund} {@code {trade_no, refund_amount, out_request_no, refund_reason}}: Alipay
     * answers at once. {@code fund_change=Y}: the money moved now; {@code N}: nothing moved on this
     * call (a repeat of a refund made before, or not made), so the refund query decides. A verified
     * business refusal ({@code ACQ.REFUND_AMT_NOT_EQUAL_TOTAL}, {@code ACQ.SELLER_BALANCE_NOT_ENOUGH},
     * {@code ACQ.TRADE_STATUS_ERROR}, …) is final; {@code ACQ.SYSTEM_ERROR} is asked again later.
     * Safe to repeat: the same out_request_no refunds once.
     */
    @Override
    public RefundAnswer refund(RefundCall refund) {
        return answered("refund", refund.refundNo().value(), () -> {
            ObjectNode content = JSON.createObjectNode().put("trade_no", refund.tradeNo())
                    .put("refund_amount", YuanAmount.ofFen(refund.amount().minor()))
                    .put("out_request_no", refund.refundNo().value());
            if (!refund.reason().isBlank()) content.put("refund_reason", refund.reason());
            JsonNode answer;
            try {
                answer = call("alipay.trade.refund", content, false);
            } catch (BusinessRefusal refusal) {
                if ("ACQ.SYSTEM_ERROR".equals(refusal.subCode)) throw refusal.asFailure();
                return new RefundAnswer.Refused(refusal.subCode, refusal.getMessage().substring(refusal.subCode.length() + 2));
            }
            if (!refund.tradeNo().equals(answer.path("trade_no").asText(refund.tradeNo()))) {
                throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("the answer is about another trade"));
            }
            return "Y".equals(answer.path("fund_change").asText())
                    ? new RefundAnswer.Succeeded("fund_change=Y") : new RefundAnswer.Processing("fund_change=N");
        });
    }

    /**
     * {@code alipay.trade.fastpay.refund.query} {@code {trade_no, out_request_no}}: {@code refund_status}
     * {@code REFUND_SUCCESS} is done; an answer without it names no refund made under that number, and
     * so does {@code ACQ.TRADE_NOT_EXIST} (no refund exists of a trade Alipay does not have: the refund
     * is asked for again under its number, and Alipay's refusal of that call ends it; taken as a
     * failure, the query would be repeated and the refund would stay PENDING for good).
     */
    @Override
    public RefundAnswer queryRefund(RefundCall refund) {
        return answered("refund query", refund.refundNo().value(), () -> {
            JsonNode answer;
            try {
                answer = call("alipay.trade.fastpay.refund.query", JSON.createObjectNode().put("trade_no", refund.tradeNo())
                        .put("out_request_no", refund.refundNo().value()), false);
            } catch (BusinessRefusal refusal) {
                if ("ACQ.TRADE_NOT_EXIST".equals(refusal.subCode)) return new RefundAnswer.NotFound(refusal.subCode);
                throw refusal.asFailure();
            }
            String status = answer.path("refund_status").asText("");
            if ("REFUND_SUCCESS".equals(status)) {
                if (!refund.refundNo().value().equals(answer.path("out_request_no").asText(refund.refundNo().value()))) {
                    throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("the answer is about another refund"));
                }
                return new RefundAnswer.Succeeded(status);
            }
            return new RefundAnswer.NotFound(status.isEmpty() ? "no refund_status" : status);
        });
    }

    /** The content Alipay signs in a request: every non-empty parameter but {@code sign}, sorted by name, {@code k=v&…}. */
    public static String requestSignContent(Map<String, String> params) {
        return new TreeMap<>(params).entrySet().stream()
                .filter(e -> !"sign".equals(e.getKey()) && e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    /** {@code yyyy-MM-dd HH:mm:ss} in China time. */
    public static String alipayTime(Instant instant) {
        return ALIPAY_TIME.format(instant.atZone(ALIPAY_ZONE));
    }

    /**
     * The {@code …_response} object of an answer exactly as sent (what {@code sign} signs) and the
     * {@code sign}; the object is found by position, never re-serialised.
     */
    public record SignedAnswer(String root, String content, Optional<String> sign) {
    }

    /** Splits an Alipay answer into its {@code <method>_response} (or {@code error_response}) text and its sign. */
    public static SignedAnswer split(String body, String method) throws IOException {
        String wanted = method.replace('.', '_') + "_response";
        String root = null;
        String content = null;
        String sign = null;
        try (JsonParser parser = JSON_FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) throw new IOException("not a JSON object");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ((name.equals(wanted) || name.equals("error_response")) && value == JsonToken.START_OBJECT && content == null) {
                    int start = (int) parser.currentTokenLocation().getCharOffset();
                    parser.skipChildren();
                    int end = (int) parser.currentLocation().getCharOffset();
                    root = name;
                    content = body.substring(start, end);
                } else if (name.equals("sign") && value == JsonToken.VALUE_STRING) {
                    sign = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        }
        if (content == null) throw new IOException("no " + wanted);
        return new SignedAnswer(root, content, Optional.ofNullable(sign));
    }

    private <T> T answered(String operation, String outTradeNo, Supplier<T> call) {
        try {
            return call.get();
        } catch (ProviderCallFailed e) {
            log.warn("Alipay {} of trade {} failed: {}", operation, outTradeNo, e.failure().describe());
            @SuppressWarnings("unchecked") T failure = (T) e.failure();
            return failure;
        } catch (BusinessRefusal e) {
            ProviderFailure failure = e.asFailure().failure();
            log.warn("Alipay {} of trade {} failed: {}", operation, outTradeNo, failure.describe());
            @SuppressWarnings("unchecked") T answer = (T) failure;
            return answer;
        }
    }

    private ObjectNode tradeContent(NewTrade trade) {
        if (!"CNY".equals(trade.amount().currency().getCurrencyCode())) {
            throw new IllegalArgumentException("Alipay trades are in CNY, not " + trade.amount().currency());
        }
        return JSON.createObjectNode().put("out_trade_no", trade.outTradeNo().value())
                .put("total_amount", YuanAmount.ofFen(trade.amount().minor())).put("subject", trade.subject())
                .put("time_expire", alipayTime(trade.expiresAt()));
    }

    /** The common parameters and the business content, signed. */
    private Map<String, String> signedParams(String method, ObjectNode content, boolean withNotify) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("app_id", merchant.appId());
        params.put("method", method);
        params.put("format", "JSON");
        params.put("charset", "utf-8");
        params.put("sign_type", "RSA2");
        params.put("timestamp", alipayTime(clock.instant()));
        params.put("version", "1.0");
        if (withNotify) params.put("notify_url", merchant.notifyUrl().get().toString());
        params.put("biz_content", content.toString());
        params.put("sign", RsaSignature.sign(merchant.privateKey(), requestSignContent(params).getBytes(StandardCharsets.UTF_8)));
        return params;
    }

    private String payUrl(String method, ObjectNode content) {
        return merchant.gatewayUrl().get() + "?" + form(signedParams(method, content, true));
    }

    /** One gateway call: {@code 10000} answers the verified business fields; a business error is a {@link BusinessRefusal}. */
    JsonNode call(String method, ObjectNode content, boolean withNotify) {
        // Safe to repeat: query and close change nothing twice, and a precreate of the same out_trade_no answers the same trade.
        Answer answer = wire.send(method, Repeat.SAFE, () -> HttpRequest.newBuilder(merchant.gatewayUrl().get())
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(signedParams(method, content, withNotify)), StandardCharsets.UTF_8)));
        if (answer.status() != 200) {
            throw new ProviderCallFailed(new ProviderFailure.ProviderError(answer.status(), "HTTP_" + answer.status(), method + " answered " + answer.status()));
        }
        SignedAnswer signed;
        JsonNode node;
        try {
            signed = split(answer.body(), method);
            node = JSON.readTree(signed.content());
        } catch (IOException e) {
            throw new ProviderCallFailed(new ProviderFailure.MalformedResponse(method + ": " + e.getMessage()));
        }
        String code = node.path("code").asText("");
        boolean signatureHolds = signed.sign().isPresent()
                && RsaSignature.verifies(alipayPublicKey, signed.content().getBytes(StandardCharsets.UTF_8), signed.sign().get());
        if ("10000".equals(code)) {
            if (!signatureHolds) throw new ProviderCallFailed(new ProviderFailure.BadSignature(method + ": sign "
                    + (signed.sign().isPresent() ? "does not verify with the Alipay public key" : "missing")));
            return node;
        }
        String subCode = node.path("sub_code").asText("");
        String message = node.path("sub_msg").asText(node.path("msg").asText(""));
        if ("40004".equals(code) && signatureHolds) throw new BusinessRefusal(subCode, message);
        // An unsigned or unverifiable error is reported, never acted upon.
        if ("40004".equals(code) && signed.sign().isPresent()) {
            throw new ProviderCallFailed(new ProviderFailure.BadSignature(method + ": sign of " + subCode + " does not verify"));
        }
        int status = "20000".equals(code) ? 503 : 400;
        throw new ProviderCallFailed(new ProviderFailure.ProviderError(status, subCode.isEmpty() ? code : subCode, message));
    }

    private static PaidTrade paid(JsonNode answer) {
        try {
            long fen = YuanAmount.toFen(answer.path("total_amount").asText(null));
            String when = answer.path("send_pay_date").asText("");
            Instant paidAt = when.isEmpty() ? Instant.EPOCH : LocalDateTime.parse(when, ALIPAY_TIME).atZone(ALIPAY_ZONE).toInstant();
            return new PaidTrade(requiredText(answer, "trade_no"), Money.of(fen, CNY), paidAt, answer.toString());
        } catch (DateTimeParseException e) {
            throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("send_pay_date is not yyyy-MM-dd HH:mm:ss"));
        } catch (RuntimeException e) {
            if (e instanceof ProviderCallFailed failed) throw failed;
            throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("a paid trade's total_amount or trade_no is invalid"));
        }
    }

    static String requiredText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("the answer has no " + field));
        }
        return value.asText();
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A verified {@code 40004} business refusal, which close and query turn into answers. */
    static final class BusinessRefusal extends RuntimeException {
        final String subCode;

        BusinessRefusal(String subCode, String message) {
            super(subCode + ": " + message, null, false, false);
            this.subCode = subCode;
        }

        ProviderCallFailed asFailure() {
            return new ProviderCallFailed(new ProviderFailure.ProviderError(400, subCode, getMessage()));
        }
    }
}
