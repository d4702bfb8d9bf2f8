package dev.ordersystem.http.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.http.payment.FormFields;
import dev.ordersystem.http.payment.NotificationRejected;
import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.payment.RsaSignature;
import dev.ordersystem.http.payment.YuanAmount;
import dev.ordersystem.http.provider.AlipayTrades;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Alipay's gateway as the sandbox plays it, at {@code /sandbox/alipay/gateway.do}: the common
 * parameters in the query string and/or the form body (as the official SDK splits them), the RSA2
 * request signature checked with the app's public key, and the answer written as Alipay writes
 * it, {@code {"<method>_response":{…},"sign":"…"}}, the sign over the {@code …_response} text.
 * {@code alipay.trade.precreate}, {@code .query}, {@code .close} answer JSON; {@code .page.pay}
 * and {@code .wap.pay} (the address the buyer's browser opens) open the trade and send the browser
 * on to the cashier page.
 */
public final class SandboxAlipayGateway {
    public static final String PATH = "/sandbox/alipay/gateway.do";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxProvider provider;

    public SandboxAlipayGateway(SandboxProvider provider) {
        this.provider = provider;
    }

    public void register(RoutesConfig routes) {
        routes.post(PATH, this::gateway);
        routes.get(PATH, this::gateway);
    }

    private void gateway(Context ctx) {
        if (provider.misbehaved(ctx)) return;
        Map<String, String> params;
        try {
            params = new TreeMap<>(FormFields.parse(bytes(ctx.queryString())));
            if (ctx.method().name().equals("POST")) params.putAll(FormFields.parse(ctx.bodyAsBytes()));
        } catch (NotificationRejected e) {
            answer(ctx, "error_response", failure("40002", "Invalid Arguments", "isv.invalid-parameter", e.getMessage()));
            return;
        }
        String method = params.getOrDefault("method", "");
        String root = method.isEmpty() ? "error_response" : method.replace('.', '_') + "_response";
        String invalid = commonProblem(params);
        if (invalid != null) {
            refuse(ctx, method, root, failure("40002", "Invalid Arguments", invalid.substring(0, invalid.indexOf(' ')), invalid));
            return;
        }
        JsonNode content;
        try {
            content = JSON.readTree(params.getOrDefault("biz_content", "{}"));
        } catch (IOException e) {
            refuse(ctx, method, root, failure("40002", "Invalid Arguments", "isv.invalid-parameter", "biz_content is not JSON"));
            return;
        }
        switch (method) {
            case "alipay.trade.precreate" -> precreate(ctx, root, params, content);
            case "alipay.trade.page.pay", "alipay.trade.wap.pay" -> payPage(ctx, root, method, params, content);
            case "alipay.trade.query" -> query(ctx, root, content);
            case "alipay.trade.close" -> close(ctx, root, content);
            case "alipay.data.dataservice.bill.downloadurl.query" -> answer(ctx, root, new SandboxAlipayBills(provider).downloadUrl(ctx, content));
            case "alipay.trade.refund" -> refund(ctx, root, content);
            case "alipay.trade.fastpay.refund.query" -> refundQuery(ctx, root, content);
            default -> answer(ctx, "error_response", failure("40002", "Invalid Arguments", "isv.invalid-method", "unknown method " + method));
        }
    }

    private void precreate(Context ctx, String root, Map<String, String> params, JsonNode content) {
        OpenOrRefusal result = open(ctx, "alipay.trade.precreate", params, content);
        if (result.refusal != null) {
            answer(ctx, root, result.refusal);
            return;
        }
        answer(ctx, root, success().put("out_trade_no", result.trade.outTradeNo()).put("qr_code", result.trade.payLink()));
    }

    private void payPage(Context ctx, String root, String method, Map<String, String> params, JsonNode content) {
        OpenOrRefusal result = open(ctx, method, params, content);
        if (result.refusal != null) {
            refuse(ctx, method, root, result.refusal);
            return;
        }
        ctx.redirect(result.trade.payLink());
    }

    /** A refusal: the signed JSON answer for an API call, an error page (400) for a pay page the browser opened. */
    private void refuse(Context ctx, String method, String root, ObjectNode failure) {
        if (method.equals("alipay.trade.page.pay") || method.equals("alipay.trade.wap.pay")) {
            ctx.status(400).contentType("text/html; charset=utf-8").result("<!doctype html><meta charset=utf-8><title>Alipay sandbox</title>"
                    + "<h1>Alipay sandbox: the pay page cannot open</h1><pre>" + SandboxCashier.escape(failure.toString()) + "</pre>");
        } else {
            answer(ctx, root, failure);
        }
    }

    private void query(Context ctx, String root, JsonNode content) {
        Optional<SandboxTrade> found = provider.trades().find(PaymentChannel.ALIPAY, content.path("out_trade_no").asText(""));
        if (found.isEmpty()) {
            answer(ctx, root, failure("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在"));
            return;
        }
        SandboxTrade trade = found.get();
        ObjectNode answer = success().put("trade_no", trade.tradeNo().orElseThrow()).put("out_trade_no", trade.outTradeNo())
                .put("buyer_logon_id", "san***@sandbox.example").put("trade_status", tradeStatus(trade))
                .put("total_amount", YuanAmount.ofFen(trade.amountMinor()));
        if (trade.state() == SandboxTrade.State.PAID) {
            answer.put("total_amount", YuanAmount.ofFen(trade.paidMinor())).put("buyer_pay_amount", YuanAmount.ofFen(trade.paidMinor()))
                    .put("receipt_amount", YuanAmount.ofFen(trade.paidMinor()))
                    .put("send_pay_date", AlipayTrades.alipayTime(trade.paidAt().orElseThrow()));
        }
        answer(ctx, root, answer);
    }

    private void close(Context ctx, String root, JsonNode content) {
        String outTradeNo = content.path("out_trade_no").asText("");
        switch (provider.trades().close(PaymentChannel.ALIPAY, outTradeNo)) {
            case CLOSED -> answer(ctx, root, success().put("out_trade_no", outTradeNo)
                    .put("trade_no", provider.trades().find(PaymentChannel.ALIPAY, outTradeNo).flatMap(SandboxTrade::tradeNo).orElse("")));
            case PAID -> answer(ctx, root, failure("40004", "Business Failed", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法"));
            case NOT_FOUND -> answer(ctx, root, failure("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在"));
        }
    }

    private static final SandboxRefunds.Refusals REFUND_REFUSALS = new SandboxRefunds.Refusals() {
        public SandboxRefunds.Refused mismatch() {
            return new SandboxRefunds.Refused(200, "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额与之前请求不一致");
        }

        public SandboxRefunds.Refused notPaid() {
            return new SandboxRefunds.Refused(200, "ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
        }

        public SandboxRefunds.Refused tooMuch() {
            return new SandboxRefunds.Refused(200, "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限");
        }
    };

    private Optional<SandboxTrade> trade(JsonNode content) {
        return content.hasNonNull("trade_no")
                ? provider.trades().findByTradeNo(PaymentChannel.ALIPAY, content.path("trade_no").asText())
                : provider.trades().find(PaymentChannel.ALIPAY, content.path("out_trade_no").asText(""));
    }

    /**
     * {@code alipay.trade.refund}: answers at once. {@code fund_change=Y} when money moved on this call,
     * {@code N} for a repeated out_request_no (the refund made before is not made again).
     */
    private void refund(Context ctx, String root, JsonNode content) {
        Optional<SandboxTrade> trade = trade(content);
        if (trade.isEmpty()) {
            answer(ctx, root, failure("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在"));
            return;
        }
        long fen;
        try {
            fen = YuanAmount.toFen(content.path("refund_amount").asText(null));
        } catch (NotificationRejected e) {
            answer(ctx, root, failure("40004", "Business Failed", "ACQ.INVALID_PARAMETER", "refund_amount must be yuan with at most 2 decimals"));
            return;
        }
        // Without out_request_no Alipay takes the trade's out_trade_no: one refund of the whole trade.
        String requestNo = content.path("out_request_no").asText(trade.get().outTradeNo());
        if (provider.refundRefusal().isPresent() && provider.refunds().find(PaymentChannel.ALIPAY, requestNo).isEmpty()) {
            answer(ctx, root, failure("40004", "Business Failed", provider.refundRefusal().get(), "卖家余额不足"));
            return;
        }
        switch (provider.refunds().refund(PaymentChannel.ALIPAY, requestNo, requestNo, trade.get(), fen,
                content.path("refund_reason").asText(""), "", provider.now(), REFUND_REFUSALS)) {
            case SandboxRefunds.Refused refused -> answer(ctx, root, failure("40004", "Business Failed", refused.code(), refused.message()));
            case SandboxRefunds.Made made -> {
                SandboxRefunds.SandboxRefund done = provider.refunds().succeed(PaymentChannel.ALIPAY, requestNo, provider.now()).orElseThrow();
                if (provider.answerLost(ctx)) return;
                SandboxTrade paid = trade.get();
                answer(ctx, root, success().put("trade_no", paid.tradeNo().orElseThrow()).put("out_trade_no", paid.outTradeNo())
                        .put("buyer_logon_id", "san***@sandbox.example").put("fund_change", made.repeated() ? "N" : "Y")
                        .put("refund_fee", YuanAmount.ofFen(provider.refunds().refundedOf(PaymentChannel.ALIPAY, paid.outTradeNo())))
                        .put("gmt_refund_pay", AlipayTrades.alipayTime(done.succeeded().orElseThrow()))
                        .put("buyer_user_id", "2088102177846880"));
            }
        }
    }

    /** {@code alipay.trade.fastpay.refund.query}: the refund's fields and {@code REFUND_SUCCESS}; none of them when no refund has that number. */
    private void refundQuery(Context ctx, String root, JsonNode content) {
        Optional<SandboxTrade> trade = trade(content);
        if (trade.isEmpty()) {
            answer(ctx, root, failure("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在"));
            return;
        }
        SandboxTrade paid = trade.get();
        ObjectNode answer = success().put("trade_no", paid.tradeNo().orElseThrow()).put("out_trade_no", paid.outTradeNo());
        String requestNo = content.path("out_request_no").asText(paid.outTradeNo());
        provider.refunds().find(PaymentChannel.ALIPAY, requestNo)
                .filter(r -> r.trade().outTradeNo().equals(paid.outTradeNo()))
                .ifPresent(r -> answer.put("out_request_no", r.refundNo()).put("refund_amount", YuanAmount.ofFen(r.amount()))
                        .put("total_amount", YuanAmount.ofFen(paid.paidMinor())).put("refund_status", "REFUND_SUCCESS")
                        .put("gmt_refund_pay", AlipayTrades.alipayTime(r.succeeded().orElse(r.createdAt()))));
        answer(ctx, root, answer);
    }

    static String tradeStatus(SandboxTrade trade) {
        return switch (trade.state()) {
            case WAITING -> "WAIT_BUYER_PAY";
            case PAID -> "TRADE_SUCCESS";
            case CLOSED -> "TRADE_CLOSED";
        };
    }

    private record OpenOrRefusal(SandboxTrade trade, ObjectNode refusal) {
    }

    private OpenOrRefusal open(Context ctx, String method, Map<String, String> params, JsonNode content) {
        String outTradeNo = content.path("out_trade_no").asText("");
        if (!outTradeNo.matches("[0-9A-Za-z_]{1,64}")) return refused("ACQ.INVALID_PARAMETER", "out_trade_no must be 1..64 of [0-9A-Za-z_]");
        long fen;
        try {
            fen = YuanAmount.toFen(content.path("total_amount").asText(null));
        } catch (NotificationRejected e) {
            return refused("ACQ.INVALID_PARAMETER", "total_amount must be yuan with at most 2 decimals");
        }
        if (fen <= 0) return refused("ACQ.INVALID_PARAMETER", "total_amount must be positive");
        String subject = content.path("subject").asText("");
        if (subject.isBlank() || subject.length() > 256) return refused("ACQ.INVALID_PARAMETER", "subject is required");
        Optional<Instant> expiresAt = Optional.empty();
        if (content.hasNonNull("time_expire")) {
            try {
                expiresAt = Optional.of(LocalDateTime.parse(content.path("time_expire").asText(), AlipayTrades.ALIPAY_TIME)
                        .atZone(AlipayTrades.ALIPAY_ZONE).toInstant());
            } catch (DateTimeParseException e) {
                return refused("ACQ.INVALID_PARAMETER", "time_expire must be yyyy-MM-dd HH:mm:ss");
            }
            if (!expiresAt.get().isAfter(provider.now())) return refused("ACQ.TRADE_HAS_CLOSE", "time_expire is in the past");
        }
        String kind = method;
        SandboxTrade proposed = new SandboxTrade(PaymentChannel.ALIPAY, outTradeNo, kind, fen, "CNY", subject, expiresAt,
                params.getOrDefault("notify_url", ""), Optional.empty(), SandboxTrade.State.WAITING,
                Optional.of(provider.tradeNo("2026")), 0, Optional.empty(),
                SandboxCashier.address(ctx, outTradeNo, PaymentChannel.ALIPAY), provider.now());
        return switch (provider.trades().open(proposed, existing -> switch (existing.state()) {
            case PAID -> new SandboxTradeBook.OpenRefused("ACQ.TRADE_HAS_SUCCESS", "交易已被支付");
            case CLOSED -> new SandboxTradeBook.OpenRefused("ACQ.TRADE_HAS_CLOSE", "交易已经关闭");
            case WAITING -> new SandboxTradeBook.OpenRefused("ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改");
        })) {
            case SandboxTradeBook.Opened opened -> new OpenOrRefusal(opened.trade(), null);
            case SandboxTradeBook.OpenRefused refusal -> refused(refusal.code(), refusal.message());
        };
    }

    private static OpenOrRefusal refused(String subCode, String message) {
        return new OpenOrRefusal(null, failure("40004", "Business Failed", subCode, message));
    }

    /** The common parameters: this app, RSA2, and a signature over every parameter but {@code sign} with the app's public key. */
    private String commonProblem(Map<String, String> params) {
        if (!PaymentSandbox.ALIPAY_APP_ID.equals(params.get("app_id"))) return "isv.invalid-app-id app_id is missing or unknown";
        if (!"RSA2".equals(params.get("sign_type"))) return "isv.invalid-signature-type sign_type must be RSA2";
        if (params.getOrDefault("method", "").isEmpty()) return "isv.missing-method method is required";
        if (params.getOrDefault("timestamp", "").isEmpty()) return "isv.missing-timestamp timestamp is required";
        String sign = params.getOrDefault("sign", "");
        byte[] content = AlipayTrades.requestSignContent(params).getBytes(StandardCharsets.UTF_8);
        if (!RsaSignature.verifies(provider.keys().alipayAppKeyPair().getPublic(), content, sign)) {
            return "isv.invalid-signature the request signature does not verify with the app's public key";
        }
        return null;
    }

    private static ObjectNode success() {
        return JSON.createObjectNode().put("code", "10000").put("msg", "Success");
    }

    private static ObjectNode failure(String code, String msg, String subCode, String subMsg) {
        return JSON.createObjectNode().put("code", code).put("msg", msg).put("sub_code", subCode).put("sub_msg", subMsg);
    }

    /** {@code {"<root>":<content>,"sign":"…"}}, the sign RSA2 over the content's exact text. */
    private void answer(Context ctx, String root, ObjectNode content) {
        String text = content.toString();
        String sign = RsaSignature.sign(provider.alipaySigningKey(), text.getBytes(StandardCharsets.UTF_8));
        ctx.status(200).contentType("text/html;charset=utf-8") // what Alipay's gateway declares for its JSON
                .result("{\"" + root + "\":" + text + ",\"sign\":" + JSON.createObjectNode().textNode(sign) + "}");
    }

    private static byte[] bytes(String query) {
        return query == null ? new byte[0] : query.getBytes(StandardCharsets.ISO_8859_1);
    }
}
