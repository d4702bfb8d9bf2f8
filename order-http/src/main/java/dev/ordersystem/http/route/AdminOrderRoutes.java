package dev.ordersystem.http.route;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.usecase.order.ShipmentDetails;
import dev.ordersystem.core.usecase.refund.RefundRequest;
import dev.ordersystem.core.usecase.refund.RefundResult;
import dev.ordersystem.http.body.AdminOrderView;
import dev.ordersystem.http.body.OrderPaymentsView;
import dev.ordersystem.http.body.OrderRefundsView;
import dev.ordersystem.http.body.RefundBody;
import dev.ordersystem.http.body.RefundView;
import dev.ordersystem.http.body.RefundedOrderView;
import dev.ordersystem.http.body.OrderView;
import dev.ordersystem.http.body.ShipRequest;
import dev.ordersystem.http.body.ShipmentCorrectionsView;
import dev.ordersystem.http.body.TimelineView;
import dev.ordersystem.http.json.JsonBodies;
import dev.ordersystem.http.observe.ShopMetrics;
import dev.ordersystem.http.paging.PageCursors;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Admin order work: read any order, list all, the lifecycle moves ship → complete, refund, cancel,
 * corrections of a shipped order's carrier and tracking number, and an order's timeline and payment records.
 */
public final class AdminOrderRoutes {
    private final OrderSystem system;
    private final JsonBodies bodies;
    private final JsonReplies replies;
    private final ShopMetrics metrics;
    private final PageCursors cursors = new PageCursors("order", OrderNo::isWellFormed);

    public AdminOrderRoutes(OrderSystem system, JsonBodies bodies, JsonReplies replies, ShopMetrics metrics) {
        this.system = system;
        this.bodies = bodies;
        this.replies = replies;
        this.metrics = metrics;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/admin/orders", this::list);
        routes.get("/api/v1/admin/orders/{orderNo}", ctx -> {
            Order order = system.viewOrders().any(PathParams.orderNo(ctx));
            replies.ok(ctx, new AdminOrderView(OrderView.of(order), system.refundOrder().refundedAmount(order).minor()));
        });
        routes.post("/api/v1/admin/orders/{orderNo}/ship", ctx -> reply(ctx,
                system.shipOrder().ship(PathParams.orderNo(ctx), shipment(ctx))));
        routes.put("/api/v1/admin/orders/{orderNo}/shipment", ctx -> reply(ctx,
                system.shipOrder().correct(PathParams.orderNo(ctx), shipment(ctx))));
        routes.get("/api/v1/admin/orders/{orderNo}/shipment/corrections", ctx -> replies.ok(ctx,
                ShipmentCorrectionsView.of(system.shipOrder().corrections(PathParams.orderNo(ctx)))));
        routes.post("/api/v1/admin/orders/{orderNo}/complete",
                ctx -> reply(ctx, system.completeOrder().complete(PathParams.orderNo(ctx))));
        routes.post("/api/v1/admin/orders/{orderNo}/refund", this::refund);
        routes.get("/api/v1/admin/orders/{orderNo}/refunds", ctx -> {
            OrderNo orderNo = PathParams.orderNo(ctx);
            Order order = system.viewOrders().any(orderNo);
            replies.ok(ctx, new OrderRefundsView(orderNo.value(), system.refundOrder().refundedAmount(order).minor(),
                    system.refundOrder().refundsOf(orderNo).stream().map(RefundView::of).toList()));
        });
        routes.post("/api/v1/admin/orders/{orderNo}/cancel", this::cancel);
        routes.get("/api/v1/admin/orders/{orderNo}/timeline", ctx -> {
            OrderNo orderNo = PathParams.orderNo(ctx);
            replies.ok(ctx, TimelineView.of(orderNo.value(), system.orderHistory().timeline(orderNo)));
        });
        routes.get("/api/v1/admin/orders/{orderNo}/payments", ctx -> {
            OrderNo orderNo = PathParams.orderNo(ctx);
            replies.ok(ctx, OrderPaymentsView.of(orderNo.value(), system.orderHistory().payments(orderNo)));
        });
    }

    private ShipmentDetails shipment(Context ctx) {
        return bodies.read(ctx, ShipRequest.class, bound -> system.shipOrder().check(bound.toDetails())).toDetails();
    }

    private void list(Context ctx) {
        replies.ok(ctx, cursors.json(system.viewOrders().all(StatusParam.read(ctx), cursors.request(ctx)), OrderView::of));
    }

    /** No body (or an empty one) refunds everything left, as the route did before partial refunds. */
    private void refund(Context ctx) {
        OrderNo orderNo = PathParams.orderNo(ctx);
        boolean bodyless = ctx.req().getContentLengthLong() == 0
                || (ctx.req().getContentLengthLong() < 0 && ctx.header("Transfer-Encoding") == null);
        RefundRequest request = bodyless ? RefundRequest.whole(orderNo) : bodies.read(ctx, RefundBody.class).toRequest(orderNo);
        RefundResult result = system.refundOrder().refund(request);
        metrics.refunded(result.refund());
        replies.ok(ctx, RefundedOrderView.of(result));
    }

    private void cancel(Context ctx) {
        Order order = system.cancelOrder().cancelByAdmin(PathParams.orderNo(ctx));
        metrics.cancelled("admin");
        reply(ctx, order);
    }

    private void reply(Context ctx, Order order) {
        replies.ok(ctx, OrderView.of(order));
    }
}
