package dev.ordersystem.http.route;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.usecase.user.TopUpBalance;
import dev.ordersystem.http.body.AdminUserView;
import dev.ordersystem.http.body.AdminUsersView;
import dev.ordersystem.http.body.BalanceJournalView;
import dev.ordersystem.http.body.BalanceView;
import dev.ordersystem.http.body.TopUpRequest;
import dev.ordersystem.http.json.JsonBodies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** Admin work on users: find one by name or id, balance top-up (journalled by the core) and the balance journal. */
public final class AdminUserRoutes {
    private final OrderSystem system;
    private final JsonBodies bodies;
    private final JsonReplies replies;

    public AdminUserRoutes(OrderSystem system, JsonBodies bodies, JsonReplies replies) {
        this.system = system;
        this.bodies = bodies;
        this.replies = replies;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/admin/users", ctx -> replies.ok(ctx, new AdminUsersView(
                system.lookUpUsers().byName(ctx.queryParam("username")).map(AdminUserView::of).stream().toList())));
        routes.get("/api/v1/admin/users/{id}", ctx -> replies.ok(ctx, AdminUserView.of(system.lookUpUsers().byId(PathParams.userId(ctx)))));
        routes.get("/api/v1/admin/users/{id}/balance/journal", ctx -> {
            UserId user = PathParams.userId(ctx);
            replies.ok(ctx, BalanceJournalView.of(user.value(), system.lookUpUsers().journal(user)));
        });
        routes.post("/api/v1/admin/users/{id}/balance", this::topUp);
    }

    private void topUp(Context ctx) {
        UserId user = PathParams.userId(ctx);
        TopUpRequest body = bodies.read(ctx, TopUpRequest.class, bound -> TopUpBalance.check(bound.amountOrZero(), bound.reason()));
        Money balance = system.topUpBalance().topUp(user, body.amountOrZero(), body.reason());
        replies.ok(ctx, new BalanceView(user.value(), balance.minor(), balance.currency().getCurrencyCode()));
    }
}
