package dev.ordersystem.http.route;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.http.body.SandboxPaymentRequest;
import dev.ordersystem.http.json.JsonBodies;
import dev.ordersystem.http.payment.NotifyAnswer;
import dev.ordersystem.http.payment.PaymentSandbox;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's "pay this order" button (admin only, 404 unless the sandbox is on): emits a
 * notification signed with the sandbox keys and delivers it to the same notify handling a real
 * provider reaches, so verification runs exactly as in production.
 */
public final class SandboxPaymentRoutes {
    private final OrderSystem system;
    private final Optional<PaymentSandbox> sandbox;
    private final PaymentNotifyRoutes notify;
    private final JsonBodies bodies;
    private final JsonReplies replies;

    public SandboxPaymentRoutes(OrderSystem system, Optional<PaymentSandbox> sandbox, PaymentNotifyRoutes notify,
                                JsonBodies bodies, JsonReplies replies) {
        this.system = system;
        this.sandbox = sandbox;
        this.notify = notify;
        this.bodies = bodies;
        this.replies = replies;
    }

    private static void checkAmount(SandboxPaymentRequest request) {
        if (request.amount() != null && (request.amount() < 0 || request.amount() > 1_000_000_000_00L)) {
            throw ValidationFailed.of("amount", FieldFault.RANGE, 0, 100_000_000_000L);
        }
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/admin/sandbox/payments/{orderNo}", this::pay);
    }

    private void pay(Context ctx) {
        PaymentSandbox emitter = sandbox.orElseThrow(() -> new NotFound("payment sandbox (start with ORDER_SANDBOX=true)"));
        OrderNo orderNo = PathParams.orderNo(ctx);
        SandboxPaymentRequest request = bodies.read(ctx, SandboxPaymentRequest.class, SandboxPaymentRoutes::checkAmount);
        checkAmount(request);
        // Without an amount, pay what the order asks (an unknown order is then a 404); with one,
        // unknown orders are allowed, to try the reconciliation path.
        Optional<Money> asked = request.amount() == null ? Optional.of(system.viewOrders().any(orderNo).payAmount())
                : known(orderNo).map(Order::payAmount);
        long amount = request.amount() != null ? request.amount() : asked.orElseThrow().minor();
        String currency = asked.map(m -> m.currency().getCurrencyCode()).orElse("CNY");
        String tradeNo = emitter.tradeNo();
        Map<String, Object> sent = new LinkedHashMap<>();
        NotifyAnswer answer = switch (request.channel()) {
            case WECHAT -> {
                PaymentSandbox.WechatDelivery delivery = emitter.wechatPayment(orderNo, amount, currency, tradeNo);
                sent.put("headers", Map.of("Wechatpay-Serial", delivery.headers().serial(),
                        "Wechatpay-Timestamp", delivery.headers().timestamp(), "Wechatpay-Nonce", delivery.headers().nonce(),
                        "Wechatpay-Signature", delivery.headers().signature()));
                sent.put("body", delivery.body());
                yield notify.wechat(delivery.headers(), delivery.body().getBytes(StandardCharsets.UTF_8));
            }
            case ALIPAY -> {
                String form = emitter.alipayPayment(orderNo, amount, tradeNo);
                sent.put("body", form);
                yield notify.alipay(form.getBytes(StandardCharsets.UTF_8));
            }
        };
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("channel", request.channel().name());
        reply.put("orderNo", orderNo.value());
        reply.put("tradeNo", tradeNo);
        reply.put("amount", amount);
        reply.put("outcome", answer.outcome());
        reply.put("notification", sent);
        reply.put("answer", Map.of("status", answer.status(), "body", answer.body()));
        replies.ok(ctx, reply);
    }

    private Optional<Order> known(OrderNo orderNo) {
        try {
            return Optional.of(system.viewOrders().any(orderNo));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }
}
