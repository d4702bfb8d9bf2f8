package dev.ordersystem.http.route;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.domain.InsufficientStock;
import dev.ordersystem.core.domain.IdempotencyKeyFormat;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.usecase.order.PlacedOrder;
import dev.ordersystem.core.usecase.order.Cart;
import dev.ordersystem.core.usecase.InputErrors;
import dev.ordersystem.http.auth.Callers;
import dev.ordersystem.http.body.OrderView;
import dev.ordersystem.http.body.PayRequest;
import dev.ordersystem.http.body.PlaceOrderRequest;
import dev.ordersystem.http.json.JsonBodies;
import dev.ordersystem.http.observe.ShopMetrics;
import dev.ordersystem.http.paging.PageCursors;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** A user's own orders: place, read, list, pay by balance, cancel, confirm receipt. Another user's order is 404. */
public final class OrderRoutes {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final OrderSystem system;
    private final JsonBodies bodies;
    private final JsonReplies replies;
    private final Callers callers;
    private final ShopMetrics metrics;
    private final PayKeys payKeys;
    private final PageCursors cursors = new PageCursors("order", OrderNo::isWellFormed);

    public OrderRoutes(OrderSystem system, JsonBodies bodies, JsonReplies replies, Callers callers, ShopMetrics metrics,
                       Clock clock) {
        this.system = system;
        this.bodies = bodies;
        this.replies = replies;
        this.callers = callers;
        this.metrics = metrics;
        this.payKeys = new PayKeys(clock);
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/orders", this::place);
        routes.get("/api/v1/orders", this::list);
        routes.get("/api/v1/orders/{orderNo}", this::one);
        routes.post("/api/v1/orders/{orderNo}/pay", this::pay);
        routes.post("/api/v1/orders/{orderNo}/cancel", this::cancel);
        routes.post("/api/v1/orders/{orderNo}/confirm-receipt",
                ctx -> replies.ok(ctx, OrderView.of(system.confirmReceipt().confirm(callers.user(ctx), PathParams.orderNo(ctx)))));
    }

    private void place(Context ctx) {
        UserId user = callers.user(ctx);
        Optional<String> key = Optional.ofNullable(ctx.header(IDEMPOTENCY_KEY));
        PlaceOrderRequest body = bodies.read(ctx, PlaceOrderRequest.class, bound -> Cart.of(bound.toCommand(user, key)));
        PlacedOrder placed;
        try {
            placed = system.placeOrder().place(body.toCommand(user, key));
        } catch (InsufficientStock soldOut) {
            metrics.stockConflict();
            throw described(soldOut);
        }
        metrics.placed(placed);
        // A replay answers as the first placement did: 201, the order as it was placed (the core's answer).
        if (placed.origin() == PlacedOrder.Origin.REPLAYED) JsonReplies.markReplayed(ctx);
        replies.created(ctx, "/api/v1/orders/" + placed.order().orderNo().value(), OrderView.of(placed.order()));
    }

    /**
     * The stock gate refuses knowing only the product; the shopper's page wants its name and what is
     * left. The product detail read (cached, with the live count) says both, off the placement path.
     */
    private InsufficientStock described(InsufficientStock soldOut) {
        if (soldOut.productName().isPresent() && soldOut.available().isPresent()) return soldOut;
        try {
            ProductDetail detail = system.viewProduct().view(soldOut.productId());
            return soldOut.described(detail.product().name(), detail.available());
        } catch (RuntimeException e) {
            return soldOut; // the refusal stands without the extras
        }
    }

    private void list(Context ctx) {
        UserId user = callers.user(ctx);
        Optional<OrderStatus> status = StatusParam.read(ctx);
        replies.ok(ctx, cursors.json(system.viewOrders().own(user, status, cursors.request(ctx)), OrderView::of));
    }

    private void one(Context ctx) {
        UserId user = callers.user(ctx);
        replies.ok(ctx, OrderView.of(system.viewOrders().own(user, PathParams.orderNo(ctx))));
    }

    private void pay(Context ctx) {
        UserId user = callers.user(ctx);
        OrderNo orderNo = PathParams.orderNo(ctx);
        Optional<String> key = Optional.ofNullable(ctx.header(IDEMPOTENCY_KEY));
        checkPay(bodies.read(ctx, PayRequest.class, bound -> checkPay(bound, key)), key);
        Order paid;
        if (payKeys.claim(user, key, orderNo) == PayKeys.KeyUse.REPLAY) {
            paid = system.viewOrders().own(user, orderNo); // paid by this key's first use: read, not paid again
            JsonReplies.markReplayed(ctx);
        } else {
            paid = system.payByBalance().pay(user, orderNo);
            payKeys.answered(user, key);
        }
        // The order as the payment left it, not as it stands (shipped or refunded since): every
        // answer for this payment, first, replayed or retried without a key, reads the same.
        replies.ok(ctx, OrderView.of(paid.asPaid()));
    }

    /** What paying takes beyond the body's shape: {@code BALANCE} only (the channels pay through their notifications), a well-formed key. */
    private static void checkPay(PayRequest body, Optional<String> key) {
        InputErrors errors = new InputErrors();
        errors.require(body.method() == null || body.method() == PaymentMethod.BALANCE, "method", FieldFault.BALANCE_ONLY);
        key.flatMap(IdempotencyKeyFormat::check).ifPresent(error -> errors.addAll(List.of(error)));
        errors.throwIfAny();
    }

    private void cancel(Context ctx) {
        UserId user = callers.user(ctx);
        Order order = system.cancelOrder().cancelByUser(user, PathParams.orderNo(ctx));
        metrics.cancelled("user");
        replies.ok(ctx, OrderView.of(order));
    }
}
