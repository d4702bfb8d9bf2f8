package dev.ordersystem.core.usecase.user;

import dev.ordersystem.core.domain.UserId;

import java.time.Instant;

/** A login: the bearer token (shown once, stored only as a digest) and when it expires. */
public record Session(UserId userId, String token, Instant expiresAt) {
    @Override
    public String toString() {
        return "Session[userId=" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
