package dev.ordersystem.http.route;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.PublishedEvent;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.domain.WebhookAttempt;
import dev.ordersystem.core.domain.WebhookDelivery;
import dev.ordersystem.core.domain.WebhookEndpoint;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.usecase.event.ManageWebhooks.EndpointRequest;
import dev.ordersystem.http.body.EventView;
import dev.ordersystem.http.body.WebhookDeliveryView;
import dev.ordersystem.http.body.WebhookEndpointPatch;
import dev.ordersystem.http.body.WebhookEndpointRequest;
import dev.ordersystem.http.body.WebhookEndpointView;
import dev.ordersystem.http.json.JsonBodies;
import dev.ordersystem.http.paging.PageCursors;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DESIGN §15's admin routes: webhook endpoints (the secret shown once, in the creation's answer),
 * their deliveries and a retry, and the pull feed of events. Admin auth is checked before.
 */
public final class AdminWebhookRoutes {
    private static final int MAX_FEED_LIMIT = 500;
    private static final int DEFAULT_FEED_LIMIT = 100;

    private final OrderSystem system;
    private final JsonBodies bodies;
    private final JsonReplies replies;
    private final PageCursors cursors = new PageCursors("delivery", PathParams::isPositiveId);

    public AdminWebhookRoutes(OrderSystem system, JsonBodies bodies, JsonReplies replies) {
        this.system = system;
        this.bodies = bodies;
        this.replies = replies;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/admin/webhooks", this::create);
        routes.get("/api/v1/admin/webhooks", this::list);
        routes.get("/api/v1/admin/webhooks/{id}", this::get);
        routes.patch("/api/v1/admin/webhooks/{id}", this::change);
        routes.delete("/api/v1/admin/webhooks/{id}", this::delete);
        routes.get("/api/v1/admin/webhooks/{id}/deliveries", this::deliveries);
        routes.post("/api/v1/admin/webhooks/{id}/deliveries/{deliveryId}/retry", this::retry);
        routes.get("/api/v1/admin/events", this::events);
    }

    private void create(Context ctx) {
        WebhookEndpointRequest body = bodies.read(ctx, WebhookEndpointRequest.class, WebhookEndpointRequest::eventTypes);
        WebhookEndpoint created = system.manageWebhooks().create(new EndpointRequest(body.url(),
                body.eventTypes().orElse(Set.of()), body.enabled() == null || body.enabled()));
        replies.created(ctx, "/api/v1/admin/webhooks/" + created.id(), WebhookEndpointView.created(created));
    }

    private void list(Context ctx) {
        replies.ok(ctx, new EndpointList(system.manageWebhooks().list().stream().map(WebhookEndpointView::of).toList()));
    }

    private void get(Context ctx) {
        replies.ok(ctx, WebhookEndpointView.of(system.manageWebhooks().get(id(ctx, "id"))));
    }

    private void change(Context ctx) {
        long id = id(ctx, "id");
        WebhookEndpointPatch body = bodies.read(ctx, WebhookEndpointPatch.class, WebhookEndpointPatch::eventTypes);
        replies.ok(ctx, WebhookEndpointView.of(system.manageWebhooks().change(id, Optional.ofNullable(body.url()),
                body.eventTypes(), Optional.ofNullable(body.enabled()))));
    }

    private void delete(Context ctx) {
        system.manageWebhooks().delete(id(ctx, "id"));
        replies.noContent(ctx);
    }

    private void deliveries(Context ctx) {
        Page<WebhookDelivery> page = system.manageWebhooks().deliveries(id(ctx, "id"), cursors.request(ctx));
        Map<Long, List<WebhookAttempt>> attempts = system.manageWebhooks().attemptsOf(page.items(), WebhookDeliveryView.ATTEMPTS_SHOWN);
        replies.ok(ctx, cursors.json(page, d -> WebhookDeliveryView.of(d, attempts.getOrDefault(d.id(), List.of()))));
    }

    private void retry(Context ctx) {
        WebhookDelivery retried = system.manageWebhooks().retry(id(ctx, "id"), id(ctx, "deliveryId"));
        List<WebhookAttempt> attempts = system.manageWebhooks().attemptsOf(List.of(retried), WebhookDeliveryView.ATTEMPTS_SHOWN)
                .getOrDefault(retried.id(), List.of());
        replies.ok(ctx, WebhookDeliveryView.of(retried, attempts));
    }

    private void events(Context ctx) {
        long after = number(ctx.queryParam("after"), "after", 0, Long.MAX_VALUE, 0);
        int limit = (int) number(ctx.queryParam("limit"), "limit", 1, MAX_FEED_LIMIT, DEFAULT_FEED_LIMIT);
        List<PublishedEvent> events = system.eventFeed().after(after, limit);
        replies.ok(ctx, new EventView.Page(events.stream().map(EventView::of).toList(),
                events.isEmpty() ? after : events.getLast().position()));
    }

    private static long number(String text, String field, long min, long max, long absent) {
        if (text == null) return absent;
        if (!text.matches("[0-9]{1,19}")) throw ValidationFailed.of(field, FieldFault.INTEGER_BETWEEN, min, max);
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) throw ValidationFailed.of(field, FieldFault.INTEGER_BETWEEN, min, max);
            return value;
        } catch (NumberFormatException tooLong) {
            throw ValidationFailed.of(field, FieldFault.INTEGER_BETWEEN, min, max);
        }
    }

    private static long id(Context ctx, String name) {
        String text = ctx.pathParam(name);
        if (!PathParams.isPositiveId(text)) throw new NotFound("webhook " + name);
        return Long.parseLong(text);
    }

    /** {@code GET /admin/webhooks}: every endpoint, oldest first. */
    public record EndpointList(List<WebhookEndpointView> items) {
    }
}
