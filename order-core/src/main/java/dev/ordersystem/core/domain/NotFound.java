package dev.ordersystem.core.domain;

/** No such thing, or not the caller's: both answer the same, so nothing leaks (40400). */
public final class NotFound extends OrderSystemException {
    public NotFound(String what) {
        super(ErrorCode.NOT_FOUND, what + " not found");
    }
}
