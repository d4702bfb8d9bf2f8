package dev.ordersystem.core.usecase.user;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.Storage;

/** The signed-in user's name and balance. */
public final class ViewAccount {
    private final Storage storage;

    public ViewAccount(Storage storage) {
        this.storage = storage;
    }

    public Account view(UserId userId) {
        return storage.transactions().inTransaction(() -> {
            User user = storage.users().find(userId).orElseThrow(() -> new NotFound("user " + userId));
            return new Account(user.id(), user.username(), storage.balances().balance(userId));
        });
    }
}
