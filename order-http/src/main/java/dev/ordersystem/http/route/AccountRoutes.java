package dev.ordersystem.http.route;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.usecase.user.ManageAddresses;
import dev.ordersystem.http.auth.Callers;
import dev.ordersystem.http.body.AccountView;
import dev.ordersystem.http.body.AddressRequest;
import dev.ordersystem.http.body.AddressView;
import dev.ordersystem.http.json.JsonBodies;
import dev.ordersystem.http.paging.PageCursors;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The signed-in user's account and address book. */
public final class AccountRoutes {
    private final OrderSystem system;
    private final JsonBodies bodies;
    private final JsonReplies replies;
    private final Callers callers;
    private final PageCursors cursors = new PageCursors("address", PathParams::isPositiveId);

    public AccountRoutes(OrderSystem system, JsonBodies bodies, JsonReplies replies, Callers callers) {
        this.system = system;
        this.bodies = bodies;
        this.replies = replies;
        this.callers = callers;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/me", this::me);
        routes.get("/api/v1/me/addresses", this::addresses);
        routes.post("/api/v1/me/addresses", this::addAddress);
        routes.put("/api/v1/me/addresses/{id}/default", this::setDefaultAddress);
        routes.delete("/api/v1/me/addresses/{id}", this::removeAddress);
    }

    private void me(Context ctx) {
        replies.ok(ctx, AccountView.of(system.viewAccount().view(callers.user(ctx))));
    }

    /** The book holds at most a few dozen entries: paged here, in id order, for a uniform list shape. */
    private void addresses(Context ctx) {
        UserId user = callers.user(ctx);
        PageRequest request = cursors.request(ctx);
        long after = request.after().map(Long::parseLong).orElse(0L);
        List<Address> rest = system.manageAddresses().list(user).stream()
                .filter(a -> a.id().value() > after)
                .sorted(Comparator.comparingLong(a -> a.id().value()))
                .toList();
        List<Address> page = rest.subList(0, Math.min(request.limit(), rest.size()));
        Optional<String> next = rest.size() > page.size()
                ? Optional.of(Long.toString(page.getLast().id().value())) : Optional.empty();
        replies.ok(ctx, cursors.json(new Page<>(page, next), AddressView::of));
    }

    private void addAddress(Context ctx) {
        UserId user = callers.user(ctx);
        AddressRequest body = bodies.read(ctx, AddressRequest.class, bound -> ManageAddresses.check(bound.toShipping()));
        AddressView added = AddressView.of(system.manageAddresses().add(user, body.toShipping(), body.asDefault()));
        replies.created(ctx, "/api/v1/me/addresses/" + added.id(), added);
    }

    /** Idempotent: the address is the default afterwards, whatever it was before. */
    private void setDefaultAddress(Context ctx) {
        UserId user = callers.user(ctx);
        replies.ok(ctx, AddressView.of(system.manageAddresses().setDefault(user, PathParams.addressId(ctx))));
    }

    private void removeAddress(Context ctx) {
        UserId user = callers.user(ctx);
        system.manageAddresses().remove(user, PathParams.addressId(ctx));
        replies.noContent(ctx);
    }
}
