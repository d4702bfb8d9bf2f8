package dev.ordersystem.core.domain;

/** The user's balance does not cover the amount (40001). */
public final class InsufficientBalance extends OrderSystemException {
    public InsufficientBalance(UserId userId, Money required) {
        super(ErrorCode.INSUFFICIENT_BALANCE, "insufficient balance for user " + userId + ": needs " + required);
    }
}
