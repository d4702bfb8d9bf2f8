package dev.ordersystem.http.body;

/** A user's balance after a top-up, in minor units of {@code currency}. */
public record BalanceView(long userId, long balance, String currency) {
}
