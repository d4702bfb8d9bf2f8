package dev.ordersystem.http.problem;

import dev.ordersystem.core.domain.ErrorCode;
import dev.ordersystem.core.domain.OrderSystemException;

/** Too many attempts; the client may try again after {@link #retryAfterSeconds()} (42900). */
public final class RateLimited extends OrderSystemException {
    private final long retryAfterSeconds;

    public RateLimited(String message, long retryAfterSeconds) {
        super(ErrorCode.RATE_LIMITED, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
