package dev.ordersystem.http.route;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.usecase.user.RegisterUser;
import dev.ordersystem.http.auth.Callers;
import dev.ordersystem.http.auth.AuthThrottle;
import dev.ordersystem.http.body.CredentialsRequest;
import dev.ordersystem.http.body.SessionView;
import dev.ordersystem.http.body.UserCreatedView;
import dev.ordersystem.http.client.ClientAddresses;
import dev.ordersystem.http.json.JsonBodies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** Register and log in (both limited per client address, logins per username too), log out. */
public final class AuthRoutes {
    private final OrderSystem system;
    private final JsonBodies bodies;
    private final JsonReplies replies;
    private final Callers callers;
    private final AuthThrottle throttle;

    public AuthRoutes(OrderSystem system, JsonBodies bodies, JsonReplies replies, Callers callers, AuthThrottle throttle) {
        this.system = system;
        this.bodies = bodies;
        this.replies = replies;
        this.callers = callers;
        this.throttle = throttle;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/auth/register", this::registerUser);
        routes.post("/api/v1/auth/login", this::logIn);
        routes.post("/api/v1/auth/logout", this::logOut);
    }

    private void registerUser(Context ctx) {
        CredentialsRequest body = bodies.read(ctx, CredentialsRequest.class,
                bound -> RegisterUser.check(bound.username(), bound.password()));
        throttle.register(ClientAddresses.of(ctx));
        User user = system.registerUser().register(body.username(), body.password());
        // No route reads a user by id: the new account is read at /me (after logging in).
        replies.created(ctx, "/api/v1/me", new UserCreatedView(user.id().value(), user.username()));
    }

    private void logIn(Context ctx) {
        CredentialsRequest body = bodies.read(ctx, CredentialsRequest.class);
        throttle.logIn(body.username(), ClientAddresses.of(ctx));
        replies.ok(ctx, SessionView.of(system.sessions().logIn(body.username(), body.password())));
    }

    /** Revokes the caller's token; the token must be valid, so a stranger cannot probe tokens here. */
    private void logOut(Context ctx) {
        callers.user(ctx);
        callers.bearer(ctx).ifPresent(token -> system.sessions().logOut(token));
        replies.noContent(ctx);
    }
}
