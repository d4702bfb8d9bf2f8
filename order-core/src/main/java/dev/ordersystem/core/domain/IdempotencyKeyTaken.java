package dev.ordersystem.core.domain;

/**
 * Raised by an {@code OrderRepository} when another order already holds the same user's
 * idempotency key (the unique index caught a concurrent placement). The use case answers
 * with the first order, or {@link DuplicateSubmission} when the requests differ.
 */
public final class IdempotencyKeyTaken extends OrderSystemException {
    public IdempotencyKeyTaken(UserId userId, String key) {
        super(ErrorCode.DUPLICATE_SUBMISSION, "idempotency key already used by user " + userId + ": " + key);
    }
}
