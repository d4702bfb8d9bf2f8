package dev.ordersystem.core.domain;

import java.time.Instant;

/** A registered buyer. */
public record User(UserId id, String username, Instant createdAt) {
}
