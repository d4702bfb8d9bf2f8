package dev.ordersystem.http.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.payment.RsaSignature;
import dev.ordersystem.http.payment.WechatNotifications;
import dev.ordersystem.http.provider.WechatPayTrades;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WeChat Pay v3 as the sandbox plays it, under {@code /sandbox/wechatpay}: prepay (Native, JSAPI,
 * H5), query by out_trade_no and close, with the real paths, bodies and error codes. Each request
 * must carry a valid {@code WECHATPAY2-SHA256-RSA2048} Authorization from the sandbox merchant
 * (signed over the API path, {@code /v3/…}, as if the sandbox were the provider's host); every
 * answer, errors included, is signed with the platform key.
 */
public final class SandboxWechatApi {
    public static final String MOUNT = "/sandbox/wechatpay";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AUTH_FIELD = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_*|-]{6,32}");
    private static final long MAX_SKEW_SECONDS = 300;

    private final SandboxProvider provider;

    public SandboxWechatApi(SandboxProvider provider) {
        this.provider = provider;
    }

    public void register(RoutesConfig routes) {
        routes.post(MOUNT + "/v3/pay/transactions/native", ctx -> prepay(ctx, "NATIVE"));
        routes.post(MOUNT + "/v3/pay/transactions/jsapi", ctx -> prepay(ctx, "JSAPI"));
        routes.post(MOUNT + "/v3/pay/transactions/h5", ctx -> prepay(ctx, "MWEB"));
        routes.get(MOUNT + "/v3/pay/transactions/out-trade-no/{outTradeNo}", this::query);
        routes.post(MOUNT + "/v3/pay/transactions/out-trade-no/{outTradeNo}/close", this::close);
        routes.post(MOUNT + "/v3/refund/domestic/refunds", this::refund);
        routes.get(MOUNT + "/v3/refund/domestic/refunds/{outRefundNo}", this::queryRefund);
    }

    private static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9A-Za-z_*|@-]{1,64}");
    private static final SandboxRefunds.Refusals REFUND_REFUSALS = new SandboxRefunds.Refusals() {
        public SandboxRefunds.Refused mismatch() {
            return new SandboxRefunds.Refused(400, "INVALID_REQUEST", "订单金额或退款金额与之前请求不一致，请核实后再试");
        }

        public SandboxRefunds.Refused notPaid() {
            return new SandboxRefunds.Refused(400, "INVALID_REQUEST", "订单状态错误");
        }

        public SandboxRefunds.Refused tooMuch() {
            return new SandboxRefunds.Refused(400, "INVALID_REQUEST", "申请退款金额超过订单可退金额");
        }
    };

    /**
     * {@code POST /v3/refund/domestic/refunds}: a refund of a paid trade named by transaction_id or
     * out_trade_no. A new refund answers {@code PROCESSING}; the sandbox then finishes it and sends
     * {@code REFUND.SUCCESS} to its notify_url, as WeChat does. A repeated out_refund_no answers the
     * refund made for it.
     */
    private void refund(Context ctx) {
        if (provider.misbehaved(ctx) || !authorized(ctx)) return;
        JsonNode body = json(ctx);
        if (body == null) return;
        String refundNo = body.path("out_refund_no").asText("");
        JsonNode amount = body.path("amount");
        if (!OUT_REFUND_NO.matcher(refundNo).matches()) {
            error(ctx, 400, "PARAM_ERROR", "out_refund_no must be 1..64 of [0-9A-Za-z_-|*@]");
            return;
        }
        if (!amount.path("refund").isIntegralNumber() || !amount.path("total").isIntegralNumber() || !"CNY".equals(amount.path("currency").asText(""))) {
            error(ctx, 400, "PARAM_ERROR", "amount.refund and amount.total (fen) and amount.currency CNY are required");
            return;
        }
        if (!body.path("notify_url").asText("").isEmpty() && !body.path("notify_url").asText().startsWith("http")) {
            error(ctx, 400, "PARAM_ERROR", "notify_url must be an http(s) address");
            return;
        }
        Optional<SandboxTrade> trade = body.hasNonNull("transaction_id")
                ? provider.trades().findByTradeNo(PaymentChannel.WECHAT, body.path("transaction_id").asText())
                : provider.trades().find(PaymentChannel.WECHAT, body.path("out_trade_no").asText(""));
        if (trade.isEmpty()) {
            error(ctx, 404, "RESOURCE_NOT_EXISTS", "订单不存在");
            return;
        }
        if (trade.get().state() == SandboxTrade.State.PAID && amount.path("total").asLong() != trade.get().paidMinor()) {
            error(ctx, 400, "INVALID_REQUEST", "amount.total 与订单实付金额不一致");
            return;
        }
        if (provider.refundRefusal().isPresent() && provider.refunds().find(PaymentChannel.WECHAT, refundNo).isEmpty()) {
            error(ctx, 403, provider.refundRefusal().get(), "基本账户余额不足，请充值后重新发起");
            return;
        }
        switch (provider.refunds().refund(PaymentChannel.WECHAT, refundNo, "50" + provider.tradeNo("3"), trade.get(),
                amount.path("refund").asLong(), body.path("reason").asText(""), body.path("notify_url").asText(""),
                provider.now(), REFUND_REFUSALS)) {
            case SandboxRefunds.Refused refused -> error(ctx, refused.httpStatus(), refused.code(), refused.message());
            case SandboxRefunds.Made made -> {
                if (!made.repeated()) provider.finishWechatRefund(made.refund());
                if (provider.answerLost(ctx)) return;
                answer(ctx, 200, refundJson(made.repeated() ? provider.refunds().find(PaymentChannel.WECHAT, refundNo).orElseThrow()
                        : made.refund()).toString());
            }
        }
    }

    private void queryRefund(Context ctx) {
        if (provider.misbehaved(ctx) || !authorized(ctx)) return;
        Optional<SandboxRefunds.SandboxRefund> refund = provider.refunds().find(PaymentChannel.WECHAT, ctx.pathParam("outRefundNo"));
        if (refund.isEmpty()) {
            error(ctx, 404, "RESOURCE_NOT_EXISTS", "退款单不存在");
            return;
        }
        answer(ctx, 200, refundJson(refund.get()).toString());
    }

    /** A refund as the create and query answers carry it ({@code status}). */
    static ObjectNode refundJson(SandboxRefunds.SandboxRefund refund) {
        ObjectNode json = refundFields(refund);
        json.put("status", refund.succeeded().isPresent() ? "SUCCESS" : "PROCESSING");
        return json;
    }

    /** A refund as the refund notification's resource carries it ({@code refund_status}, {@code mchid}). */
    static ObjectNode refundNotificationJson(SandboxRefunds.SandboxRefund refund) {
        ObjectNode json = refundFields(refund);
        json.put("mchid", PaymentSandbox.WECHAT_MCH_ID).put("refund_status", refund.succeeded().isPresent() ? "SUCCESS" : "PROCESSING");
        return json;
    }

    private static ObjectNode refundFields(SandboxRefunds.SandboxRefund refund) {
        ObjectNode json = JSON.createObjectNode().put("refund_id", refund.refundId()).put("out_refund_no", refund.refundNo())
                .put("transaction_id", refund.trade().tradeNo().orElseThrow()).put("out_trade_no", refund.trade().outTradeNo())
                .put("channel", "ORIGINAL").put("user_received_account", "支付用户零钱")
                .put("create_time", WechatPayTrades.rfc3339(refund.createdAt())).put("funds_account", "AVAILABLE");
        refund.succeeded().ifPresent(at -> json.put("success_time", WechatPayTrades.rfc3339(at)));
        json.putObject("amount").put("total", refund.trade().paidMinor()).put("refund", refund.amount())
                .put("payer_total", refund.trade().paidMinor()).put("payer_refund", refund.amount())
                .put("settlement_refund", refund.amount()).put("settlement_total", refund.trade().paidMinor())
                .put("discount_refund", 0).put("currency", refund.trade().currency()).put("refund_fee", 0);
        json.putArray("promotion_detail");
        return json;
    }

    private void prepay(Context ctx, String tradeType) {
        if (provider.misbehaved(ctx) || !authorized(ctx)) return;
        JsonNode body = json(ctx);
        if (body == null) return;
        String problem = prepayProblem(body, tradeType);
        if (problem != null) {
            error(ctx, 400, "PARAM_ERROR", problem);
            return;
        }
        String outTradeNo = body.path("out_trade_no").asText();
        Optional<Instant> expiresAt = body.hasNonNull("time_expire")
                ? Optional.of(OffsetDateTime.parse(body.path("time_expire").asText()).toInstant()) : Optional.empty();
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(provider.now())) {
            error(ctx, 400, "INVALID_REQUEST", "time_expire is in the past");
            return;
        }
        String payLink = switch (tradeType) {
            case "NATIVE" -> cashier(ctx, outTradeNo);
            case "JSAPI" -> "wx" + provider.tradeNo("");
            default -> cashier(ctx, outTradeNo);
        };
        SandboxTrade proposed = new SandboxTrade(PaymentChannel.WECHAT, outTradeNo, tradeType, body.path("amount").path("total").asLong(),
                body.path("amount").path("currency").asText("CNY"), body.path("description").asText(), expiresAt,
                body.path("notify_url").asText(), Optional.ofNullable(body.path("payer").path("openid").textValue()),
                SandboxTrade.State.WAITING, Optional.empty(), 0, Optional.empty(), payLink, provider.now());
        switch (provider.trades().open(proposed, SandboxWechatApi::refusal)) {
            case SandboxTradeBook.Opened opened -> {
                String field = switch (tradeType) {
                    case "NATIVE" -> "code_url";
                    case "JSAPI" -> "prepay_id";
                    default -> "h5_url";
                };
                answer(ctx, 200, JSON.createObjectNode().put(field, opened.trade().payLink()).toString());
            }
            case SandboxTradeBook.OpenRefused refused -> error(ctx, 400, refused.code(), refused.message());
        }
    }

    private void query(Context ctx) {
        if (provider.misbehaved(ctx) || !authorized(ctx)) return;
        if (!PaymentSandbox.WECHAT_MCH_ID.equals(ctx.queryParam("mchid"))) {
            error(ctx, 400, "PARAM_ERROR", "mchid is missing or not this merchant's");
            return;
        }
        Optional<SandboxTrade> trade = provider.trades().find(PaymentChannel.WECHAT, ctx.pathParam("outTradeNo"));
        if (trade.isEmpty()) {
            error(ctx, 404, "ORDER_NOT_EXIST", "order does not exist");
            return;
        }
        answer(ctx, 200, transaction(trade.get()).toString());
    }

    private void close(Context ctx) {
        if (provider.misbehaved(ctx) || !authorized(ctx)) return;
        JsonNode body = json(ctx);
        if (body == null) return;
        if (!PaymentSandbox.WECHAT_MCH_ID.equals(body.path("mchid").asText())) {
            error(ctx, 400, "PARAM_ERROR", "mchid is missing or not this merchant's");
            return;
        }
        switch (provider.trades().close(PaymentChannel.WECHAT, ctx.pathParam("outTradeNo"))) {
            case CLOSED -> answer(ctx, 204, "");
            case PAID -> error(ctx, 400, "ORDERPAID", "order paid");
            case NOT_FOUND -> error(ctx, 404, "ORDER_NOT_EXIST", "order does not exist");
        }
    }

    /** The transaction as a query answers it, and as a notification's resource carries it. */
    static ObjectNode transaction(SandboxTrade trade) {
        String state = switch (trade.state()) {
            case WAITING -> "NOTPAY";
            case PAID -> "SUCCESS";
            case CLOSED -> "CLOSED";
        };
        ObjectNode transaction = JSON.createObjectNode().put("appid", PaymentSandbox.WECHAT_APP_ID).put("mchid", PaymentSandbox.WECHAT_MCH_ID)
                .put("out_trade_no", trade.outTradeNo()).put("trade_type", trade.kind()).put("trade_state", state)
                .put("trade_state_desc", "sandbox " + state.toLowerCase());
        trade.tradeNo().ifPresent(no -> transaction.put("transaction_id", no));
        if (trade.state() == SandboxTrade.State.PAID) {
            transaction.put("bank_type", "OTHERS").put("attach", "").put("success_time", WechatPayTrades.rfc3339(trade.paidAt().orElseThrow()));
            transaction.putObject("payer").put("openid", trade.openId().orElse("sandbox-openid"));
            transaction.putObject("amount").put("total", trade.paidMinor()).put("payer_total", trade.paidMinor())
                    .put("currency", trade.currency()).put("payer_currency", trade.currency());
        } else {
            transaction.putObject("amount").put("payer_currency", trade.currency());
        }
        return transaction;
    }

    private static SandboxTradeBook.OpenRefused refusal(SandboxTrade existing) {
        return switch (existing.state()) {
            case PAID -> new SandboxTradeBook.OpenRefused("ORDERPAID", "order paid");
            case CLOSED -> new SandboxTradeBook.OpenRefused("ORDER_CLOSED", "order closed");
            case WAITING -> new SandboxTradeBook.OpenRefused("INVALID_REQUEST", "out_trade_no already used with other parameters");
        };
    }

    private static String prepayProblem(JsonNode body, String tradeType) {
        if (!PaymentSandbox.WECHAT_APP_ID.equals(body.path("appid").asText())) return "appid is missing or not this merchant's";
        if (!PaymentSandbox.WECHAT_MCH_ID.equals(body.path("mchid").asText())) return "mchid is missing or not this merchant's";
        String description = body.path("description").asText("");
        if (description.isBlank() || description.length() > 127) return "description must be 1..127 characters";
        if (!OUT_TRADE_NO.matcher(body.path("out_trade_no").asText("")).matches()) return "out_trade_no must be 6..32 of [0-9A-Za-z_-|*]";
        if (!body.path("notify_url").isTextual() || !body.path("notify_url").asText().startsWith("http")) return "notify_url must be an http(s) address";
        JsonNode total = body.path("amount").path("total");
        if (!total.isIntegralNumber() || total.asLong() <= 0) return "amount.total must be a positive integer (fen)";
        if (body.hasNonNull("time_expire")) {
            try {
                OffsetDateTime.parse(body.path("time_expire").asText());
            } catch (DateTimeParseException e) {
                return "time_expire must be RFC 3339 (yyyy-MM-DDTHH:mm:ss+TIMEZONE)";
            }
        }
        if ("JSAPI".equals(tradeType) && body.path("payer").path("openid").asText("").isBlank()) return "payer.openid is required";
        if ("MWEB".equals(tradeType) && (body.path("scene_info").path("payer_client_ip").asText("").isBlank()
                || body.path("scene_info").path("h5_info").path("type").asText("").isBlank())) {
            return "scene_info.payer_client_ip and scene_info.h5_info.type are required";
        }
        return null;
    }

    /** Checks the merchant's Authorization: schema, merchant, serial, fresh timestamp, and the signature over the API path. */
    boolean authorized(Context ctx) {
        return authorized(ctx, false);
    }

    /**
     * As {@link #authorized(Context)}; with {@code addressAsServed}, a signature over the path as the
     * sandbox serves it (mount included) holds too: a bill's {@code download_url} is an address the
     * sandbox handed out, which a client signs whole (wechatpay-java does) or relative to its API base.
     */
    boolean authorized(Context ctx, boolean addressAsServed) {
        String header = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        if (!header.startsWith("WECHATPAY2-SHA256-RSA2048 ")) {
            error(ctx, 401, "SIGN_ERROR", "Authorization must use the WECHATPAY2-SHA256-RSA2048 schema");
            return false;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = AUTH_FIELD.matcher(header.substring("WECHATPAY2-SHA256-RSA2048 ".length()));
        while (m.find()) fields.put(m.group(1), m.group(2));
        if (!PaymentSandbox.WECHAT_MCH_ID.equals(fields.get("mchid"))) {
            error(ctx, 401, "SIGN_ERROR", "Authorization mchid is missing or unknown");
            return false;
        }
        if (!provider.keys().wechatMerchantSerial().equals(fields.get("serial_no"))) {
            error(ctx, 401, "SIGN_ERROR", "serial_no names no certificate of this merchant");
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(fields.getOrDefault("timestamp", ""));
        } catch (NumberFormatException e) {
            error(ctx, 401, "SIGN_ERROR", "timestamp is missing");
            return false;
        }
        if (Math.abs(provider.now().getEpochSecond() - timestamp) > MAX_SKEW_SECONDS) {
            error(ctx, 401, "SIGN_ERROR", "timestamp is more than 5 minutes away");
            return false;
        }
        String query = ctx.queryString();
        String apiPath = ctx.path().substring(MOUNT.length()) + (query == null || query.isEmpty() ? "" : "?" + query);
        byte[] message = WechatPayTrades.requestMessage(ctx.method().name(), apiPath, fields.get("timestamp"),
                fields.getOrDefault("nonce_str", ""), ctx.body());
        byte[] served = WechatPayTrades.requestMessage(ctx.method().name(), ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query),
                fields.get("timestamp"), fields.getOrDefault("nonce_str", ""), ctx.body());
        String signature = fields.getOrDefault("signature", "");
        if (!RsaSignature.verifies(provider.keys().wechatMerchantKeyPair().getPublic(), message, signature)
                && !(addressAsServed && RsaSignature.verifies(provider.keys().wechatMerchantKeyPair().getPublic(), served, signature))) {
            error(ctx, 401, "SIGN_ERROR", "signature does not verify with the merchant certificate " + fields.get("serial_no"));
            return false;
        }
        return true;
    }

    private JsonNode json(Context ctx) {
        try {
            JsonNode body = JSON.readTree(ctx.body());
            if (body != null && body.isObject()) return body;
        } catch (IOException e) {
            // answered below
        }
        error(ctx, 400, "PARAM_ERROR", "the body must be a JSON object");
        return null;
    }

    void error(Context ctx, int status, String code, String message) {
        answer(ctx, status, JSON.createObjectNode().put("code", code).put("message", message).toString());
    }

    /** Writes an answer signed as WeChat Pay signs: {@code timestamp\nnonce\nbody\n} with the platform key. */
    void answer(Context ctx, int status, String body) {
        String timestamp = Long.toString(provider.now().getEpochSecond());
        String nonce = provider.randomToken(32);
        String signature = RsaSignature.sign(provider.wechatSigningKey(),
                WechatNotifications.message(timestamp, nonce, body.getBytes(StandardCharsets.UTF_8)));
        ctx.status(status).header("Request-ID", UUID.randomUUID().toString())
                .header("Wechatpay-Serial", provider.keys().wechatSerial()).header("Wechatpay-Timestamp", timestamp)
                .header("Wechatpay-Nonce", nonce).header("Wechatpay-Signature", signature)
                .header("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        if (!body.isEmpty()) ctx.contentType("application/json; charset=utf-8");
        ctx.result(body);
    }

    private static String cashier(Context ctx, String outTradeNo) {
        return SandboxCashier.address(ctx, outTradeNo, PaymentChannel.WECHAT);
    }
}
