package dev.ordersystem.http.problem;

import dev.ordersystem.core.domain.ErrorCode;

/** The HTTP side of each error code of DESIGN §10: status, title and a stable type URI. */
public enum ProblemKind {
    INSUFFICIENT_BALANCE(ErrorCode.INSUFFICIENT_BALANCE, 409, "Insufficient balance"),
    INSUFFICIENT_STOCK(ErrorCode.INSUFFICIENT_STOCK, 409, "Insufficient stock"),
    PRODUCT_UNAVAILABLE(ErrorCode.PRODUCT_UNAVAILABLE, 409, "Product missing or off sale"),
    TRANSITION_NOT_ALLOWED(ErrorCode.TRANSITION_NOT_ALLOWED, 409, "Not allowed in the order's current status"),
    VALIDATION_FAILED(ErrorCode.VALIDATION_FAILED, 400, "Validation failed"),
    DUPLICATE_SUBMISSION(ErrorCode.DUPLICATE_SUBMISSION, 409, "Duplicate submission"),
    USERNAME_TAKEN(ErrorCode.USERNAME_TAKEN, 409, "Username taken"),
    NOT_AUTHENTICATED(ErrorCode.NOT_AUTHENTICATED, 401, "Not authenticated"),
    FORBIDDEN(ErrorCode.FORBIDDEN, 403, "Not allowed"),
    NOT_FOUND(ErrorCode.NOT_FOUND, 404, "Not found"),
    RATE_LIMITED(ErrorCode.RATE_LIMITED, 429, "Too many requests"),
    UNEXPECTED(ErrorCode.UNEXPECTED, 500, "Unexpected failure"),
    DEPENDENCY_DOWN(ErrorCode.DEPENDENCY_DOWN, 503, "A dependency is down");

    private final ErrorCode code;
    private final int status;
    private final String title;

    ProblemKind(ErrorCode code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
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

    public String title() {
        return title;
    }

    /** A URN rather than a URL: stable, and nobody expects it to resolve. */
    public String type() {
        return "urn:order-system:problem:" + name().toLowerCase().replace('_', '-');
    }
}
