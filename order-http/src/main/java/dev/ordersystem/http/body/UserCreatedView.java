package dev.ordersystem.http.body;

/** {@code POST /auth/register}. */
public record UserCreatedView(long userId, String username) {
}
