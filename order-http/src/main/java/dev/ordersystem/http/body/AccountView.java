package dev.ordersystem.http.body;

import dev.ordersystem.core.usecase.user.Account;

/** {@code GET /me}: balance in minor units of {@code currency}. */
public record AccountView(long userId, String username, long balance, String currency) {
    public static AccountView of(Account account) {
        return new AccountView(account.userId().value(), account.username(), account.balance().minor(),
                account.balance().currency().getCurrencyCode());
    }
}
