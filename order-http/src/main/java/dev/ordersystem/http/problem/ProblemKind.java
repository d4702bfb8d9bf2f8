package dev.ordersystem.http.problem;

import dev.ordersystem.core.domain.ErrorCode;

/** The HTTP side of each error code of DESIGN §10: status and a stable type URI (the titles are in {@link ProblemTexts}). */
public enum ProblemKind {
    INSUFFICIENT_BALANCE(ErrorCode.INSUFFICIENT_BALANCE, 409),
    INSUFFICIENT_STOCK(ErrorCode.INSUFFICIENT_STOCK, 409),
    PRODUCT_UNAVAILABLE(ErrorCode.PRODUCT_UNAVAILABLE, 409),
    TRANSITION_NOT_ALLOWED(ErrorCode.TRANSITION_NOT_ALLOWED, 409),
    VALIDATION_FAILED(ErrorCode.VALIDATION_FAILED, 400),
    DUPLICATE_SUBMISSION(ErrorCode.DUPLICATE_SUBMISSION, 409),
    USERNAME_TAKEN(ErrorCode.USERNAME_TAKEN, 409),
    REFUND_EXCEEDS_PAID(ErrorCode.REFUND_EXCEEDS_PAID, 409),
    NOT_AUTHENTICATED(ErrorCode.NOT_AUTHENTICATED, 401),
    FORBIDDEN(ErrorCode.FORBIDDEN, 403),
    NOT_FOUND(ErrorCode.NOT_FOUND, 404),
    RATE_LIMITED(ErrorCode.RATE_LIMITED, 429),
    UNEXPECTED(ErrorCode.UNEXPECTED, 500),
    PAYMENT_PROVIDER_FAILED(ErrorCode.PAYMENT_PROVIDER_FAILED, 502),
    DEPENDENCY_DOWN(ErrorCode.DEPENDENCY_DOWN, 503);

    private final ErrorCode code;
    private final int status;

    ProblemKind(ErrorCode code, int status) {
        this.code = code;
        this.status = status;
    }

    public static ProblemKind of(ErrorCode code) {
        for (ProblemKind kind : values()) {
            if (kind.code == code) return kind;
        }
        throw new IllegalArgumentException("no HTTP mapping for " + code);
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** A URN rather than a URL: stable, and nobody expects it to resolve. */
    public String type() {
        return "urn:order-system:problem:" + name().toLowerCase().replace('_', '-');
    }
}
