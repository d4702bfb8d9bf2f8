package dev.ordersystem.http.body;

import dev.ordersystem.core.usecase.user.Session;

/** {@code POST /auth/login}: the bearer token, shown once. */
public record SessionView(String token, String expiresAt, long userId) {
    public static SessionView of(Session session) {
        return new SessionView(session.token(), JsonTimes.iso(session.expiresAt()), session.userId().value());
    }
}
