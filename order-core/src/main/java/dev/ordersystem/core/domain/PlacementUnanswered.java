package dev.ordersystem.core.domain;

/**
 * The placement writer did not answer in time (a database stalled far past its normal pace):
 * the buyer is told to try again (50300) rather than kept waiting. The placement may still
 * commit; sent again with the same {@code Idempotency-Key}, it answers that order.
 */
public final class PlacementUnanswered extends OrderSystemException {
    public PlacementUnanswered(String message) {
        super(ErrorCode.DEPENDENCY_DOWN, message);
    }
}
