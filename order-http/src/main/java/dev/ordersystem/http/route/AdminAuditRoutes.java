package dev.ordersystem.http.route;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.http.body.AuditView;
import io.javalin.config.RoutesConfig;

/** Runs the DESIGN §7 invariant checks on demand. */
public final class AdminAuditRoutes {
    private final OrderSystem system;
    private final JsonReplies replies;

    public AdminAuditRoutes(OrderSystem system, JsonReplies replies) {
        this.system = system;
        this.replies = replies;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/admin/audit", ctx -> replies.ok(ctx, AuditView.of(system.audit().run())));
    }
}
