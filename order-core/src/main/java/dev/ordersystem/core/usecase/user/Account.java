package dev.ordersystem.core.usecase.user;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.UserId;

/** What a user sees of their account. */
public record Account(UserId userId, String username, Money balance) {
}
