package dev.ordersystem.http.route;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.ReconciliationState;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.usecase.payment.ReconcileBill;
import dev.ordersystem.core.usecase.payment.ReconciliationReport;
import dev.ordersystem.http.body.ReconciliationRequest;
import dev.ordersystem.http.body.ReconciliationView;
import dev.ordersystem.http.json.JsonBodies;
import dev.ordersystem.http.paging.PageCursors;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Optional;

/**
 * DESIGN §14 reconciliation on demand and its reports: {@code POST /api/v1/admin/reconciliations
 * {channel, date}} (201 with the new report; 200 with the stored one when the day was reconciled
 * before; 202 while another instance is running it), {@code GET /api/v1/admin/reconciliations}
 * (newest first) and {@code GET /api/v1/admin/reconciliations/{id}} (with every difference). A shop
 * without reconciliation (no provider) refuses the channel and lists nothing.
 */
public final class AdminReconciliationRoutes {
    private final Optional<ReconcileBill> reconcile;
    private final JsonBodies bodies;
    private final JsonReplies replies;
    private final PageCursors cursors = new PageCursors("reconciliation", key -> key.matches("[0-9]{1,19}"));

    public AdminReconciliationRoutes(Optional<ReconcileBill> reconcile, JsonBodies bodies, JsonReplies replies) {
        this.reconcile = reconcile;
        this.bodies = bodies;
        this.replies = replies;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/admin/reconciliations", this::run);
        routes.get("/api/v1/admin/reconciliations", this::list);
        routes.get("/api/v1/admin/reconciliations/{id}", this::one);
    }

    private void run(Context ctx) {
        ReconciliationRequest body = bodies.read(ctx, ReconciliationRequest.class, ReconciliationRequest::billDate);
        ReconcileBill use = reconcile.orElseThrow(() -> ValidationFailed.of("channel", FieldFault.CHANNEL_OFF));
        boolean before = use.find(body.channel(), body.billDate()).isPresent();
        ReconciliationReport report = use.reconcile(body.channel(), body.billDate());
        String location = "/api/v1/admin/reconciliations/" + report.reconciliation().id();
        if (report.reconciliation().state() == ReconciliationState.RUNNING) replies.send(ctx, 202, ReconciliationView.of(report));
        else if (before) replies.ok(ctx, ReconciliationView.of(report));
        else replies.created(ctx, location, ReconciliationView.of(report));
    }

    private void list(Context ctx) {
        Page<dev.ordersystem.core.domain.Reconciliation> page = reconcile.map(r -> r.list(cursors.request(ctx)))
                .orElseGet(() -> new Page<>(List.of(), Optional.empty()));
        replies.ok(ctx, cursors.json(page, ReconciliationView::summary));
    }

    private void one(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFound("reconciliation");
        }
        replies.ok(ctx, ReconciliationView.of(reconcile.flatMap(r -> r.find(id)).orElseThrow(() -> new NotFound("reconciliation"))));
    }
}
