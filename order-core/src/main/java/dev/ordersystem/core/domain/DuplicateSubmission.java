package dev.ordersystem.core.domain;

/** The same cart was just submitted, or an idempotency key was reused with another request (40009). */
public final class DuplicateSubmission extends OrderSystemException {
    public DuplicateSubmission(String message) {
        super(ErrorCode.DUPLICATE_SUBMISSION, message);
    }
}
