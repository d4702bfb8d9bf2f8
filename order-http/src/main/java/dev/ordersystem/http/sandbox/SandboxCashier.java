package dev.ordersystem.http.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.http.payment.YuanAmount;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The sandbox's cashier, what {@code code_url}, {@code h5_url}, {@code qr_code} and {@code payUrl}
 * open: {@code GET /sandbox/cashier/{outTradeNo}} shows the trade with a Pay and a
 * Pay-wrong-amount button; {@code POST …/pay} (form {@code amount=exact|wrong}) pays it the way
 * the buyer would at the provider — refused once the trade is paid, closed or past its
 * {@code time_expire} — and then sends the signed notification to the merchant's notify_url.
 * A client asking for {@code application/json} gets the outcome as JSON.
 */
public final class SandboxCashier {
    public static final String PATH = "/sandbox/cashier/{outTradeNo}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxProvider provider;
    private final SandboxNotifier notifier;

    public SandboxCashier(SandboxProvider provider) {
        this.provider = provider;
        this.notifier = new SandboxNotifier(provider);
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::page);
        routes.post(PATH + "/pay", this::pay);
    }

    /** The cashier address of a trade, on the host the merchant reached the sandbox at. */
    static String address(Context ctx, String outTradeNo, PaymentChannel channel) {
        return ctx.scheme() + "://" + ctx.host() + "/sandbox/cashier/" + URLEncoder.encode(outTradeNo, StandardCharsets.UTF_8)
                + "?channel=" + channel.name();
    }

    private Optional<SandboxTrade> trade(Context ctx) {
        String outTradeNo = ctx.pathParam("outTradeNo");
        String channel = Optional.ofNullable(ctx.queryParam("channel")).orElse(Optional.ofNullable(ctx.formParam("channel")).orElse(""));
        return switch (channel.toUpperCase(Locale.ROOT)) {
            case "WECHAT" -> provider.trades().find(PaymentChannel.WECHAT, outTradeNo);
            case "ALIPAY" -> provider.trades().find(PaymentChannel.ALIPAY, outTradeNo);
            default -> provider.trades().find(outTradeNo);
        };
    }

    private void page(Context ctx) {
        Optional<SandboxTrade> found = trade(ctx);
        if (found.isEmpty()) {
            ctx.status(404).html(html("No such trade", "<p>The sandbox has no trade <code>" + escape(ctx.pathParam("outTradeNo"))
                    + "</code>. Start a payment first.</p>"));
            return;
        }
        SandboxTrade trade = found.get();
        String state = trade.payableAt(provider.now()) ? "waiting for payment" : switch (trade.state()) {
            case PAID -> "paid";
            case CLOSED -> "closed";
            case WAITING -> "expired (its time_expire has passed)";
        };
        String action = "/sandbox/cashier/" + URLEncoder.encode(trade.outTradeNo(), StandardCharsets.UTF_8) + "/pay";
        String form = "<form method=post action='" + escape(action) + "'><input type=hidden name=channel value=" + trade.channel().name() + ">";
        ctx.html(html((trade.channel() == PaymentChannel.WECHAT ? "WeChat Pay" : "Alipay") + " sandbox cashier",
                "<dl><dt>out_trade_no</dt><dd id=out-trade-no>" + escape(trade.outTradeNo()) + "</dd>"
                        + "<dt>subject</dt><dd>" + escape(trade.subject()) + "</dd>"
                        + "<dt>amount</dt><dd id=amount>" + YuanAmount.ofFen(trade.amountMinor()) + " " + escape(trade.currency()) + "</dd>"
                        + "<dt>pay before</dt><dd>" + trade.expiresAt().map(Object::toString).orElse("no deadline") + "</dd>"
                        + "<dt>state</dt><dd id=state>" + state + "</dd></dl>"
                        + form + "<input type=hidden name=amount value=exact><button id=pay>Pay</button></form>"
                        + form + "<input type=hidden name=amount value=wrong><button id=pay-wrong-amount>Pay wrong amount</button></form>"));
    }

    private void pay(Context ctx) {
        Optional<SandboxTrade> found = trade(ctx);
        if (found.isEmpty()) {
            reply(ctx, 404, JSON.createObjectNode().put("outcome", "REFUSED").put("reason", "no such trade"));
            return;
        }
        SandboxTrade trade = found.get();
        boolean wrong = "wrong".equals(ctx.formParam("amount"));
        long amount = wrong ? (trade.amountMinor() > 1 ? trade.amountMinor() - 1 : trade.amountMinor() + 1) : trade.amountMinor();
        String providerTradeNo = provider.tradeNo(trade.channel() == PaymentChannel.WECHAT ? "4200" : "2026");
        switch (provider.trades().pay(trade.channel(), trade.outTradeNo(), amount, providerTradeNo, provider.now())) {
            case SandboxTradeBook.PaymentRefused refused ->
                    reply(ctx, 409, JSON.createObjectNode().put("outcome", "REFUSED").put("reason", refused.reason()));
            case SandboxTradeBook.PaidNow paid -> {
                SandboxNotifier.Delivery delivery = notifier.notifyPaid(paid.trade());
                ObjectNode outcome = JSON.createObjectNode().put("outcome", "PAID").put("outTradeNo", paid.trade().outTradeNo())
                        .put("tradeNo", paid.trade().tradeNo().orElseThrow()).put("amount", amount);
                outcome.putObject("notification").put("sent", delivery.sent()).put("status", delivery.status()).put("answer", delivery.body());
                reply(ctx, 200, outcome);
            }
        }
    }

    private static void reply(Context ctx, int status, ObjectNode outcome) {
        ctx.status(status);
        String accept = Optional.ofNullable(ctx.header("Accept")).orElse("");
        if (accept.contains("application/json")) {
            ctx.contentType("application/json").result(outcome.toString());
        } else {
            ctx.html(html("Sandbox cashier: " + outcome.path("outcome").asText(), "<pre id=outcome>" + escape(outcome.toPrettyString()) + "</pre>"));
        }
    }

    private static String html(String title, String body) {
        return "<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport content='width=device-width'><title>"
                + escape(title) + "</title><h1>" + escape(title) + "</h1>" + body + "</html>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }
}
