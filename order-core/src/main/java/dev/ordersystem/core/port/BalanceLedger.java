package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.BalanceEntry;
import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.UserId;

import java.util.List;

/**
 * User balances and their journal. Joins the caller's transaction. Every change writes one
 * journal entry; (reference, reason) is unique, so a payment or refund never applies twice.
 */
public interface BalanceLedger {

    /** Opens a zero balance for a new user. */
    void open(UserId userId);

    /**
     * Takes {@code amount} from the balance, locking its row
     * ({@code UPDATE … SET balance = balance - ? WHERE user_id = ? AND balance >= ?}).
     *
     * @throws dev.ordersystem.core.domain.InsufficientBalance when the balance is short
     * @throws dev.ordersystem.core.domain.DuplicateSubmission when (reference, reason) is journalled already
     */
    void debit(UserId userId, Money amount, BalanceReason reason, String reference);

    /**
     * Adds {@code amount} to the balance.
     *
     * @throws dev.ordersystem.core.domain.DuplicateSubmission when (reference, reason) is journalled already
     */
    void credit(UserId userId, Money amount, BalanceReason reason, String reference);

    /** @throws dev.ordersystem.core.domain.NotFound when the user has no balance */
    Money balance(UserId userId);

    /** The user's journal, oldest first. */
    List<BalanceEntry> journal(UserId userId);
}
