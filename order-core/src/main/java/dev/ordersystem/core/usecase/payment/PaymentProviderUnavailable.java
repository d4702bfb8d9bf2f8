package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.domain.ErrorCode;
import dev.ordersystem.core.domain.OrderSystemException;
import dev.ordersystem.core.port.provider.ProviderFailure;

/**
 * The payment provider could not be heard (503/50300: try again in a moment) or refused or answered
 * what cannot be trusted (502/50200). Nothing was left half-written: the attempt is recorded as failed.
 */
public final class PaymentProviderUnavailable extends OrderSystemException {
    private final ProviderFailure failure;

    public PaymentProviderUnavailable(ProviderFailure failure) {
        super(codeOf(failure), "payment provider " + failure.describe());
        this.failure = failure;
    }

    public ProviderFailure failure() {
        return failure;
    }

    private static ErrorCode codeOf(ProviderFailure failure) {
        return switch (failure) {
            case ProviderFailure.Unreachable u -> ErrorCode.DEPENDENCY_DOWN;
            case ProviderFailure.TimedOut t -> ErrorCode.DEPENDENCY_DOWN;
            case ProviderFailure.ProviderError e -> e.httpStatus() >= 500 ? ErrorCode.DEPENDENCY_DOWN : ErrorCode.PAYMENT_PROVIDER_FAILED;
            case ProviderFailure.BadSignature b -> ErrorCode.PAYMENT_PROVIDER_FAILED;
            case ProviderFailure.MalformedResponse m -> ErrorCode.PAYMENT_PROVIDER_FAILED;
        };
    }
}
