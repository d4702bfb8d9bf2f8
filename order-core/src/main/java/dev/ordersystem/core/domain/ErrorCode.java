package dev.ordersystem.core.domain;

/** The stable error codes of DESIGN §10. Clients switch on these numbers. */
public enum ErrorCode {
    INSUFFICIENT_BALANCE(40001),
    INSUFFICIENT_STOCK(40002),
    PRODUCT_UNAVAILABLE(40003),
    TRANSITION_NOT_ALLOWED(40004),
    VALIDATION_FAILED(40005),
    DUPLICATE_SUBMISSION(40009),
    USERNAME_TAKEN(40010),
    /** A refund asks for more than what is left of the payment, or more of a product than the order has (409). */
    REFUND_EXCEEDS_PAID(40011),
    NOT_AUTHENTICATED(40100),
    FORBIDDEN(40300),
    NOT_FOUND(40400),
    RATE_LIMITED(42900),
    UNEXPECTED(50001),
    /** The payment provider refused the call or answered what cannot be trusted (HTTP 502). */
    PAYMENT_PROVIDER_FAILED(50200),
    DEPENDENCY_DOWN(50300);

    private final int number;

    ErrorCode(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
