package dev.ordersystem.core.domain;

/** Wrong credentials, or a missing, expired or revoked token (40100). */
public final class NotAuthenticated extends OrderSystemException {
    public NotAuthenticated(String message) {
        super(ErrorCode.NOT_AUTHENTICATED, message);
    }
}
