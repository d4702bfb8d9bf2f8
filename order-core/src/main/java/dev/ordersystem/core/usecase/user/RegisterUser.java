package dev.ordersystem.core.usecase.user;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.port.BalanceLedger;
import dev.ordersystem.core.port.Transactions;
import dev.ordersystem.core.port.UserAccounts;
import dev.ordersystem.core.usecase.InputErrors;

import java.time.Clock;
import java.util.regex.Pattern;

/** DESIGN §4.9: registers a buyer with a hashed password and a zero balance. */
public final class RegisterUser {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 128;

    private final Transactions transactions;
    private final UserAccounts users;
    private final BalanceLedger balances;
    private final Passwords passwords;
    private final Clock clock;

    public RegisterUser(Transactions transactions, UserAccounts users, BalanceLedger balances, Passwords passwords, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.balances = balances;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** @throws dev.ordersystem.core.domain.UsernameTaken when the name is taken (case-insensitive) */
    public User register(String username, String password) {
        check(username, password);
        String hash = passwords.hash(password); // slow on purpose: outside the transaction
        return transactions.inTransaction(() -> {
            User user = users.register(username, hash, clock.instant());
            balances.open(user.id());
            return user;
        });
    }

    /**
     * The rules a registration's input must keep, alone (a caller that refuses other parts of the
     * request first lists these faults with its own); {@code null} is refused.
     *
     * @throws dev.ordersystem.core.domain.ValidationFailed naming every refused field
     */
    public static void check(String username, String password) {
        InputErrors errors = new InputErrors();
        errors.require(username != null && USERNAME.matcher(username).matches(), "username", FieldFault.USERNAME);
        errors.require(password != null && password.length() >= MIN_PASSWORD && password.length() <= MAX_PASSWORD,
                "password", FieldFault.LENGTH_BETWEEN, MIN_PASSWORD, MAX_PASSWORD);
        errors.throwIfAny();
    }
}
