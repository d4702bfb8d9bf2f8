package dev.ordersystem.http.route;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.http.body.PaymentView;
import dev.ordersystem.http.paging.PageCursors;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Arrays;
import java.util.Locale;

/**
 * Reconciliation: list payments waiting for a person (refund required, amount mismatch, unknown
 * order) and mark a required refund as done once the money went back through the channel.
 */
public final class AdminPaymentRoutes {
    private static final String TRADE_NO = "[A-Za-z0-9_.:-]{1,64}";

    private final OrderSystem system;
    private final JsonReplies replies;
    // The store's payment page key is opaque; only its size and characters are checked.
    private final PageCursors cursors = new PageCursors("payment", key -> key.length() <= 200 && key.chars().allMatch(c -> c > 0x20 && c < 0x7f));

    public AdminPaymentRoutes(OrderSystem system, JsonReplies replies) {
        this.system = system;
        this.replies = replies;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/admin/payments", this::list);
        routes.post("/api/v1/admin/payments/{channel}/{tradeNo}/refunded", this::markRefunded);
    }

    private void list(Context ctx) {
        String text = ctx.queryParam("status");
        PaymentStatus status = Arrays.stream(PaymentStatus.values())
                .filter(s -> s.needsReconciliation() && s.name().equals(text)).findFirst()
                .orElseThrow(() -> ValidationFailed.of("status", FieldFault.ONE_OF, "REFUND_REQUIRED, MISMATCH, UNMATCHED"));
        replies.ok(ctx, cursors.json(system.reconcilePayments().list(status, cursors.request(ctx)), PaymentView::of));
    }

    private void markRefunded(Context ctx) {
        String channelText = ctx.pathParam("channel").toUpperCase(Locale.ROOT);
        PaymentChannel channel = Arrays.stream(PaymentChannel.values()).filter(c -> c.name().equals(channelText))
                .findFirst().orElseThrow(() -> new NotFound("payment channel"));
        String tradeNo = ctx.pathParam("tradeNo");
        if (!tradeNo.matches(TRADE_NO)) throw new NotFound("payment");
        replies.ok(ctx, PaymentView.of(system.reconcilePayments().markRefunded(channel, tradeNo)));
    }
}
