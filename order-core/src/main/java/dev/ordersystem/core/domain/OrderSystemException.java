package dev.ordersystem.core.domain;

/** A refusal the caller can act on; {@link #code()} says which, the message says why. */
public abstract class OrderSystemException extends RuntimeException {
    private final ErrorCode code;

    protected OrderSystemException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** With the failure behind the refusal, for the log (no stack trace of its own: a refusal is not a bug). */
    protected OrderSystemException(ErrorCode code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
