package dev.ordersystem.core.usecase.user;

import dev.ordersystem.core.domain.BalanceEntry;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.BalanceLedger;
import dev.ordersystem.core.port.Transactions;
import dev.ordersystem.core.port.UserAccounts;
import dev.ordersystem.core.usecase.InputErrors;

import java.util.List;
import java.util.Optional;

/** An admin finds a buyer by name or id and reads their balance and its journal (DESIGN §16: users). */
public final class LookUpUsers {
    /** The longest name a search takes (registration allows no longer ones). */
    static final int MAX_NAME = 64;

    private final Transactions transactions;
    private final UserAccounts users;
    private final BalanceLedger balances;

    public LookUpUsers(Transactions transactions, UserAccounts users, BalanceLedger balances) {
        this.transactions = transactions;
        this.users = users;
        this.balances = balances;
    }

    /** A user with the balance they have now. */
    public record UserBalance(User user, Money balance) {
    }

    /**
     * The user of that name, ignoring case; empty when there is none.
     *
     * @throws dev.ordersystem.core.domain.ValidationFailed (field {@code username}) for a blank or overlong name
     */
    public Optional<UserBalance> byName(String username) {
        InputErrors errors = new InputErrors();
        errors.requireText(username, "username", MAX_NAME);
        errors.throwIfAny();
        return transactions.inTransaction(() -> users.findByName(username.strip()).map(this::withBalance));
    }

    /** @throws NotFound when there is no such user */
    public UserBalance byId(UserId id) {
        return transactions.inTransaction(() -> withBalance(users.find(id).orElseThrow(() -> new NotFound("user " + id))));
    }

    /**
     * The user's balance journal, newest entry first.
     *
     * @throws NotFound when there is no such user
     */
    public List<BalanceEntry> journal(UserId id) {
        return transactions.inTransaction(() -> {
            users.find(id).orElseThrow(() -> new NotFound("user " + id));
            return balances.journal(id).reversed();
        });
    }

    private UserBalance withBalance(User user) {
        return new UserBalance(user, balances.balance(user.id()));
    }
}
