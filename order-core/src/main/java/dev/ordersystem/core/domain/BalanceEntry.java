package dev.ordersystem.core.domain;

import java.time.Instant;

/**
 * One journal entry of a user's balance. {@code reference} is the order number for order
 * payments and refunds, and the top-up reference for top-ups.
 */
public record BalanceEntry(UserId userId, Money delta, BalanceReason reason, String reference, Instant at) {
}
