package dev.ordersystem.http.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersystem.core.domain.PaymentChannel;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything the sandbox provider serves (only with {@code ORDER_SANDBOX=true}): WeChat Pay's
 * API, Alipay's gateway, the cashier page, and {@code GET|PUT /sandbox/control}
 * ({@code {"outage":"NONE|TIMEOUT|SERVER_ERROR|BAD_SIGNATURE|DROP|ANSWER_LOST","withholdNotifications":false,
 * "refuseRefunds":null}}),
 * which makes it lose notifications or fail the way a provider can (an outage takes the merchant's
 * API out, not the cashier: see {@link SandboxOutage}); the view also counts the trades opened so far.
 */
public final class SandboxProviderRoutes {
    public static final String CONTROL = "/sandbox/control";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxProvider provider;

    public SandboxProviderRoutes(SandboxProvider provider) {
        this.provider = provider;
    }

    public void register(RoutesConfig routes) {
        new SandboxWechatApi(provider).register(routes);
        new SandboxWechatBills(provider).register(routes);
        new SandboxAlipayBills(provider).register(routes);
        new SandboxAlipayGateway(provider).register(routes);
        new SandboxCashier(provider).register(routes);
        routes.get(CONTROL, this::show);
        routes.put(CONTROL, this::control);
        routes.post(CONTROL + "/refunds", this::refundAtPortal);
    }

    /**
     * {@code POST /sandbox/control/refunds {"channel","outTradeNo","outRefundNo","amount"}}: a refund
     * the merchant made in the provider's portal, not through the shop (what reconciliation flags as
     * a refund at the provider only). The paid trade must exist; the refund lands on today's bill.
     */
    private void refundAtPortal(Context ctx) {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (IOException e) {
            body = null;
        }
        SandboxTrade trade = body == null || !body.isObject() ? null : switch (body.path("channel").asText("")) {
            case "WECHAT" -> provider.trades().find(PaymentChannel.WECHAT, body.path("outTradeNo").asText("")).orElse(null);
            case "ALIPAY" -> provider.trades().find(PaymentChannel.ALIPAY, body.path("outTradeNo").asText("")).orElse(null);
            default -> null;
        };
        long amount = body == null ? 0 : body.path("amount").asLong(0);
        String outRefundNo = body == null ? "" : body.path("outRefundNo").asText("");
        Optional<SandboxRefunds.SandboxRefund> made = trade == null || !outRefundNo.matches("[0-9A-Za-z_*|@-]{1,64}") ? Optional.empty()
                : provider.refunds().madeInPortal(trade.channel(), outRefundNo, "50" + provider.tradeNo("").substring(2), trade, amount,
                        provider.now());
        if (made.isEmpty()) {
            ctx.status(400).contentType("application/json")
                    .result("{\"message\":\"a paid trade's channel and outTradeNo, a new outRefundNo and an amount (fen) up to what is left of it\"}");
            return;
        }
        ctx.status(201).contentType("application/json").result(JSON.createObjectNode().put("outRefundNo", outRefundNo)
                .put("refundId", made.get().refundId()).put("amount", amount).toString());
    }

    private void show(Context ctx) {
        ctx.contentType("application/json").result(JSON.createObjectNode().put("outage", provider.outage().name())
                .put("withholdNotifications", provider.withholdsNotifications()).put("trades", provider.trades().size())
                .put("refuseRefunds", provider.refundRefusal().orElse(null))
                .put("wechatRefunds", provider.refunds().count(PaymentChannel.WECHAT))
                .put("alipayRefunds", provider.refunds().count(PaymentChannel.ALIPAY)).toString());
    }

    private void control(Context ctx) {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            ctx.status(400).contentType("application/json").result("{\"message\":\"the body must be a JSON object\"}");
            return;
        }
        SandboxOutage outage;
        try {
            outage = body.has("outage") ? SandboxOutage.valueOf(body.path("outage").asText().toUpperCase(Locale.ROOT)) : provider.outage();
        } catch (IllegalArgumentException e) {
            ctx.status(400).contentType("application/json")
                    .result("{\"message\":\"outage must be one of NONE, TIMEOUT, SERVER_ERROR, BAD_SIGNATURE, DROP, ANSWER_LOST\"}");
            return;
        }
        JsonNode withhold = body.path("withholdNotifications");
        if (!withhold.isMissingNode() && !withhold.isBoolean()) {
            ctx.status(400).contentType("application/json").result("{\"message\":\"withholdNotifications must be true or false\"}");
            return;
        }
        JsonNode refusal = body.path("refuseRefunds");
        if (!refusal.isMissingNode() && !refusal.isNull() && !(refusal.isTextual() && refusal.asText().matches("[A-Z_.]{1,64}"))) {
            ctx.status(400).contentType("application/json")
                    .result("{\"message\":\"refuseRefunds must be a provider error code (NOT_ENOUGH, ACQ.SELLER_BALANCE_NOT_ENOUGH, …) or null\"}");
            return;
        }
        if (!refusal.isMissingNode()) provider.refuseRefunds(Optional.ofNullable(refusal.textValue()));
        provider.control(outage, withhold.isBoolean() ? withhold.asBoolean() : provider.withholdsNotifications());
        show(ctx);
    }
}
