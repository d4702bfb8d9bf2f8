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
