package dev.ordersystem.http.route;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.http.body.DashboardView;
import io.javalin.config.RoutesConfig;

/** The admin console's first page: today's orders and revenue, what waits, orders per minute. */
public final class AdminDashboardRoutes {
    private final OrderSystem system;
    private final JsonReplies replies;

    public AdminDashboardRoutes(OrderSystem system, JsonReplies replies) {
        this.system = system;
        this.replies = replies;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/admin/dashboard", ctx -> replies.ok(ctx, DashboardView.of(system.dashboard().now())));
    }
}
