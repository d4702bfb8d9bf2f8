package dev.ordersystem.http.body;

import dev.ordersystem.core.usecase.user.LookUpUsers;

/** A buyer as an admin sees them: name, since when, balance in minor units of {@code currency}. */
public record AdminUserView(long userId, String username, String createdAt, long balance, String currency) {
    public static AdminUserView of(LookUpUsers.UserBalance found) {
        return new AdminUserView(found.user().id().value(), found.user().username(), JsonTimes.iso(found.user().createdAt()),
                found.balance().minor(), found.balance().currency().getCurrencyCode());
    }
}
