package dev.ordersystem.core.usecase.user;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.BalanceLedger;
import dev.ordersystem.core.port.Transactions;
import dev.ordersystem.core.port.UserAccounts;

/** The signed-in user's name and balance. */
public final class ViewAccount {
    private final Transactions transactions;
    private final UserAccounts users;
    private final BalanceLedger balances;

    public ViewAccount(Transactions transactions, UserAccounts users, BalanceLedger balances) {
        this.transactions = transactions;
        this.users = users;
        this.balances = balances;
    }

    public Account view(UserId userId) {
        return transactions.inTransaction(() -> {
            User user = users.find(userId).orElseThrow(() -> new NotFound("user " + userId));
            return new Account(user.id(), user.username(), balances.balance(userId));
        });
    }
}
