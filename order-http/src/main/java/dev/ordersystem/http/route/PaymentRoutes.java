package dev.ordersystem.http.route;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.usecase.payment.PaymentRequestRules;
import dev.ordersystem.core.usecase.payment.StartedPayment;
import dev.ordersystem.http.auth.Callers;
import dev.ordersystem.http.body.PaymentProgressView;
import dev.ordersystem.http.body.StartPaymentRequest;
import dev.ordersystem.http.body.StartedPaymentView;
import dev.ordersystem.http.json.JsonBodies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * DESIGN §13 for the buyer's page: start paying an own pending order through WeChat Pay or Alipay,
 * and poll for the outcome. A provider that cannot be heard is 503/50300, one that refuses or
 * answers what cannot be trusted 502/50200; either way nothing is left half-written.
 */
public final class PaymentRoutes {
    private final OrderSystem system;
    private final JsonBodies bodies;
    private final JsonReplies replies;
    private final Callers callers;

    public PaymentRoutes(OrderSystem system, JsonBodies bodies, JsonReplies replies, Callers callers) {
        this.system = system;
        this.bodies = bodies;
        this.replies = replies;
        this.callers = callers;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/orders/{orderNo}/payments", this::start);
        routes.get("/api/v1/orders/{orderNo}/payment", this::poll);
    }

    private void start(Context ctx) {
        UserId user = callers.user(ctx);
        OrderNo orderNo = PathParams.orderNo(ctx);
        StartPaymentRequest body = bodies.read(ctx, StartPaymentRequest.class,
                bound -> PaymentRequestRules.check(bound.toCommand(user, orderNo), system.startPayment().channels()));
        StartedPayment started = system.startPayment().start(body.toCommand(user, orderNo));
        // A repeat answers as the first start did: 201 with the same trade (the provider was not asked again).
        replies.created(ctx, "/api/v1/orders/" + orderNo.value() + "/payment", StartedPaymentView.of(started));
    }

    private void poll(Context ctx) {
        UserId user = callers.user(ctx);
        replies.ok(ctx, PaymentProgressView.of(system.pollPayment().poll(user, PathParams.orderNo(ctx))));
    }
}
