package dev.ordersystem.core.usecase.user;

import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.BalanceLedger;
import dev.ordersystem.core.port.Transactions;
import dev.ordersystem.core.port.UserAccounts;
import dev.ordersystem.core.usecase.InputErrors;

import java.util.Currency;
import java.util.UUID;

/**
 * DESIGN §4.9: an admin credits a user's balance; journalled with a unique reference that
 * carries the admin's reason.
 */
public final class TopUpBalance {
    static final long MAX_TOP_UP = 10_000_000_000L;

    private final Transactions transactions;
    private final UserAccounts users;
    private final BalanceLedger balances;
    private final Currency currency;

    public TopUpBalance(Transactions transactions, UserAccounts users, BalanceLedger balances, Currency currency) {
        this.transactions = transactions;
        this.users = users;
        this.balances = balances;
        this.currency = currency;
    }

    /** Returns the new balance. */
    public Money topUp(UserId userId, long amount, String reason) {
        check(amount, reason);
        String reference = "topup:" + UUID.randomUUID() + ":" + reason;
        return transactions.inTransaction(() -> {
            users.find(userId).orElseThrow(() -> new NotFound("user " + userId));
            balances.credit(userId, Money.of(amount, currency), BalanceReason.TOP_UP, reference);
            return balances.balance(userId);
        });
    }

    /**
     * The rules a top-up's input must keep, alone (a caller that refuses other parts of the
     * request first lists these faults with its own).
     *
     * @throws dev.ordersystem.core.domain.ValidationFailed naming every refused field
     */
    public static void check(long amount, String reason) {
        InputErrors errors = new InputErrors();
        errors.requireRange(amount, "amount", 1, MAX_TOP_UP);
        errors.requireText(reason, "reason", 100);
        errors.throwIfAny();
    }
}
