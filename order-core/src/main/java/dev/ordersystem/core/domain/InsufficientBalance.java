package dev.ordersystem.core.domain;

/** The user's balance does not cover the amount (40001); carries both, so a page can show the gap. */
public final class InsufficientBalance extends OrderSystemException {
    private final Money needed;
    private final Money balance;

    public InsufficientBalance(UserId userId, Money needed, Money balance) {
        super(ErrorCode.INSUFFICIENT_BALANCE, "insufficient balance for user " + userId + ": needs " + needed
                + ", has " + balance);
        this.needed = needed;
        this.balance = balance;
    }

    /** The amount the refused debit asked for. */
    public Money needed() {
        return needed;
    }

    /** The balance when the debit was refused. */
    public Money balance() {
        return balance;
    }
}
